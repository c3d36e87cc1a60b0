package io.jenkins.plugins.mlpipeline.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's own arithmetic: what the published figures are computed with. No benchmark runs here. */
class HarnessTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("bench.sizes");
        System.clearProperty("bench.only");
        System.clearProperty("bench.window");
        System.clearProperty("bench.outputMiB");
        System.clearProperty("bench.outputFiles");
    }

    @Test
    void percentilesUseNearestRank() {
        List<Double> samples = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            samples.add((double) i);
        }
        Percentiles p = new Percentiles(samples);
        assertThat(p.at(50)).isEqualTo(50.0);
        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.at(100)).isEqualTo(100.0);
        assertThat(new Percentiles(List.of(7.0, 3.0)).at(99)).isEqualTo(7.0);
        assertThatThrownBy(() -> new Percentiles(List.of())).hasMessageContaining("samples");
        assertThatThrownBy(() -> p.at(0)).hasMessageContaining("(0, 100]");
    }

    @Test
    void lineAuditCountsLostDuplicatedAndForeignLines() {
        List<String> delivered = List.of(RestartRecoveryBench.line(1), RestartRecoveryBench.line(2),
                RestartRecoveryBench.line(2), RestartRecoveryBench.line(4), "something else");
        LineAudit audit = LineAudit.of(delivered, 60);
        assertThat(audit.lost()).isEqualTo(57); // 3 and 5..60
        assertThat(audit.duplicated()).isEqualTo(1);
        assertThat(audit.unexpected()).isEqualTo(1);
        assertThat(audit.outOfOrder()).isTrue(); // 2 after 2

        List<String> complete = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            complete.add(RestartRecoveryBench.line(i));
        }
        assertThat(LineAudit.of(complete, 60)).isEqualTo(new LineAudit(0, 0, 0, false));
    }

    @Test
    void optionsRejectUnknownBenchmarksAndBadNumbers() {
        System.setProperty("bench.only", "tracking,typo");
        assertThatThrownBy(BenchOptions::fromSystemProperties).hasMessageContaining("bench.only")
                .hasMessageContaining("typo");
        System.setProperty("bench.only", "logs");
        System.setProperty("bench.sizes", "100,abc");
        assertThatThrownBy(BenchOptions::fromSystemProperties).hasMessageContaining("bench.sizes")
                .hasMessageContaining("abc");
        System.setProperty("bench.sizes", "100, 1000");
        System.setProperty("bench.window", "0");
        assertThatThrownBy(BenchOptions::fromSystemProperties).hasMessageContaining("bench.window");
        System.clearProperty("bench.window");
        BenchOptions options = BenchOptions.fromSystemProperties();
        assertThat(options.sizes()).containsExactly(100, 1000);
        assertThat(options.runs("logs")).isTrue();
        assertThat(options.runs("tracking")).isFalse();
        assertThat(options.outputMiB()).isEqualTo(1024);
        assertThat(options.outputFiles()).isEqualTo(10_000);
    }

    @Test
    void outputSizesAreReadAndChecked() {
        System.setProperty("bench.only", "output");
        System.setProperty("bench.outputMiB", "256");
        System.setProperty("bench.outputFiles", "500");
        BenchOptions options = BenchOptions.fromSystemProperties();
        assertThat(options.runs("output")).isTrue();
        assertThat(options.outputMiB()).isEqualTo(256);
        assertThat(options.outputFiles()).isEqualTo(500);
        System.setProperty("bench.outputMiB", "-1");
        assertThatThrownBy(BenchOptions::fromSystemProperties).hasMessageContaining("bench.outputMiB")
                .hasMessageContaining("-1");
        System.setProperty("bench.outputMiB", "256");
        System.setProperty("bench.outputFiles", "many");
        assertThatThrownBy(BenchOptions::fromSystemProperties).hasMessageContaining("bench.outputFiles")
                .hasMessageContaining("many");
    }

    @Test
    void allMeansEveryNumberedBenchmark() {
        System.setProperty("bench.only", "all");
        assertThat(BenchOptions.fromSystemProperties().only()).containsExactlyInAnyOrderElementsOf(Report.BENCHMARKS);
        assertThat(Report.BENCHMARKS).containsExactly("tracking", "logs", "launch", "restart", "output");
    }

    @Test
    void threadNamesAreGroupedWithoutTheirNumbers() {
        assertThat(ThreadCensus.fold("pool-12-thread-3")).isEqualTo("pool-#-thread-#");
        assertThat(ThreadCensus.fold("ml-run-tracker")).isEqualTo("ml-run-tracker");
        ThreadCensus.NewThreads threads = new ThreadCensus.NewThreads(
                java.util.Map.of("ml-run-tracker", 1, "ml-run-tracker-io", 1, "OkHttp Dispatcher", 2), 3);
        assertThat(threads.ours()).isEqualTo(2);
        assertThat(threads.client()).isEqualTo(2);
        assertThat(threads.total()).isEqualTo(4);
    }

    @Test
    void censusSeesANewThreadAndNotAnOldOne() throws Exception {
        ThreadCensus before = ThreadCensus.take();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ml-census-probe-7");
        t.start();
        try {
            ThreadCensus.NewThreads added = ThreadCensus.take().since(before);
            assertThat(added.byGroup()).containsEntry("ml-census-probe-#", 1);
            assertThat(ThreadCensus.take().since(ThreadCensus.take()).byGroup()).doesNotContainKey("ml-census-probe-#");
        } finally {
            t.interrupt();
            t.join();
        }
    }
}
