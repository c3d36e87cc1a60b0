package io.jenkins.plugins.mlpipeline.bench;

import io.jenkins.plugins.mlpipeline.bench.OutputCollectionBench.Way;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Benchmark 5 at a tiny size (4 MiB + 50 files, one round): the whole code path, every path's checks included. */
class OutputCollectionBenchTest {

    private static final long MODEL = 4L * 1024 * 1024;

    @Test
    void tinyRunProducesConsistentFiguresAndItsReportRows() throws Exception {
        OutputCollectionBench.Figures f = new OutputCollectionBench(MODEL, 50, 1).run();

        assertThat(f.modelBytes()).isEqualTo(MODEL);
        assertThat(f.smallFiles()).isEqualTo(50);
        assertThat(f.payloadBytes()).isBetween(MODEL + 50 * 1024, MODEL + 50 * 4096);
        // tar adds a 512-byte header per entry, pads each file to 512 bytes and ends with at least two zero blocks.
        assertThat(f.archiveBytes()).isGreaterThan(f.payloadBytes() + 51 * 512);
        assertThat(f.rounds()).isEqualTo(1);
        assertThat(List.of(f.engineSeconds(), f.pipedTarSeconds(), f.fileTarSeconds(), f.execOnlySeconds(),
                f.extractFileSeconds())).allSatisfy(s -> assertThat(s).isPositive());
        assertThat(f.ratio()).isEqualTo(f.fileTarSeconds() / f.engineSeconds());
        assertThat(f.collections()).as("at least the full collection at the end of each engine run").isPositive();
        assertThat(f.heapMet()).as("live heap growth %s", f.liveHeapGrowth()).isTrue();

        BenchOptions options = new BenchOptions(List.of(100), Set.of("output"), null, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 4, 50);
        Report report = new Report(options);
        report.output(f);
        String md = report.markdown();
        assertThat(md).contains("| 5 output | engine (exec + tar read + sha256) / `tar -xf` of the saved archive, MB/s "
                + "| >= 0.90x | " + Format.ratio(f.ratio()) + " | " + (f.ratio() >= 0.9 ? "yes" : "**no**") + " |");
        assertThat(md).contains("| 5 output | live heap growth during collection, 4.0 MiB model | <= 64 MiB | "
                + Format.mib(f.liveHeapGrowth()));
        assertThat(md).contains("## 5. Output collection (tar stream over exec)", "Ratio engine / (b): **"
                + Format.ratio(f.ratio()) + "**");
        assertThat(md).doesNotContain("## 1. Tracking scale", "pending");
    }

    /** Figures of a 1 GiB run whose paths took these medians (three rounds each; the other paths 1-3 s). */
    static OutputCollectionBench.Figures figures(double engine, double pipedTar, double fileTar) {
        Map<Way, List<Double>> seconds = new EnumMap<>(Way.class);
        for (Way way : Way.values()) {
            seconds.put(way, List.of(3.0, 1.0, 2.0));
        }
        seconds.put(Way.ENGINE, List.of(engine + 1, engine, engine - 0.5));
        seconds.put(Way.PIPED_TAR, List.of(pipedTar, pipedTar, pipedTar));
        seconds.put(Way.FILE_TAR, List.of(fileTar - 0.2, fileTar, fileTar + 2));
        return new OutputCollectionBench.Figures(1L << 30, 10_000, 1_100_000_000L, 1_117_000_000L, seconds, 4L << 20,
                1800L << 20, 4);
    }

    @Test
    void figuresArePerRoundMediansAndRatiosOfThem() {
        OutputCollectionBench.Figures f = figures(5.0, 4.5, 3.0);
        assertThat(f.rounds()).isEqualTo(3);
        assertThat(f.engineSeconds()).isEqualTo(5.0);
        assertThat(f.fastest(Way.ENGINE)).isEqualTo(4.5);
        assertThat(f.slowest(Way.FILE_TAR)).isEqualTo(5.0);
        assertThat(f.execOnlySeconds()).isEqualTo(2.0);
        assertThat(f.ratio()).isEqualTo(3.0 / 5.0);
        assertThat(f.ratioToPipedTar()).isEqualTo(4.5 / 5.0);
        assertThat(f.offlineRatio()).isEqualTo(3.0 / 2.0);
        assertThat(f.mbps(2.0)).isEqualTo(558.5);
        assertThat(f.heapMet()).isTrue();

        Map<Way, List<Double>> missing = new EnumMap<>(f.seconds());
        missing.remove(Way.HASH_ONLY);
        assertThatThrownBy(() -> new OutputCollectionBench.Figures(1, 1, 1, 1, missing, 0, 0, 0))
                .hasMessageContaining("HASH_ONLY");
        missing.put(Way.HASH_ONLY, List.of());
        assertThatThrownBy(() -> new OutputCollectionBench.Figures(1, 1, 1, 1, missing, 0, 0, 0))
                .hasMessageContaining("HASH_ONLY");
    }

    @Test
    void theRandomModelIsNotZerosAndItsDigestIsOfItsContent(@TempDir Path tmp)
            throws Exception {
        Path file = tmp.resolve("m.bin");
        String sha = OutputCollectionBench.writeRandomFile(file, 100_003); // not a multiple of the 1 MiB block
        byte[] content = Files.readAllBytes(file);
        assertThat(content).hasSize(100_003);
        long zeros = 0;
        for (byte b : content) {
            zeros += b == 0 ? 1 : 0;
        }
        assertThat(zeros).as("about 1/256 of random bytes are zero").isLessThan(1000);
        assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @Test
    void smallFilesGoAHundredToADirectory() {
        assertThat(OutputCollectionBench.smallFilePath(0)).isEqualTo("/ml/outputs/samples/000/sample-00000.txt");
        assertThat(OutputCollectionBench.smallFilePath(99)).isEqualTo("/ml/outputs/samples/000/sample-00099.txt");
        assertThat(OutputCollectionBench.smallFilePath(9_999)).isEqualTo("/ml/outputs/samples/099/sample-09999.txt");
    }

    @Test
    void sizesAreChecked() {
        assertThatThrownBy(() -> new OutputCollectionBench(0, 10, 1)).hasMessageContaining("modelBytes > 0");
        assertThatThrownBy(() -> new OutputCollectionBench(1, 10, 0)).hasMessageContaining("rounds > 0");
    }
}
