package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many long-running Jobs on one emulator. Not part of the normal build: run with
 * {@code -Dtest=ScaleSmokeTest -Dml.emulator.scale=10000}. Prints timings; asserts only that all pods run and that
 * the idle emulator makes no API calls of its own.
 */
@EnabledIfSystemProperty(named = "ml.emulator.scale", matches = "\\d+")
class ScaleSmokeTest {

    @Test
    void manyRunningJobsCostNothingWhenIdle() throws Exception {
        int count = Integer.getInteger("ml.emulator.scale");
        try (ClusterEmulator emu = ClusterEmulator.builder().build()) {
            KubernetesClient client = emu.client();
            emu.script("idle:1", ContainerScript.create().log("started").runForever());
            Instant start = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < count; i++) {
                Job job = job("scale-" + i, "idle:1").build();
                pool.execute(() -> client.batch().v1().jobs().resource(job).create());
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.MINUTES)).isTrue();
            Instant created = Instant.now();
            System.out.println("created " + count + " jobs in " + Duration.between(start, created));
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    client.pods().list().getItems().stream()
                            .filter(p -> "Running".equals(p.getStatus().getPhase())).count() == count);
            System.out.println("all running after " + Duration.between(start, Instant.now()));
            emu.awaitSimulationIdle();
            long cpuBefore = processCpu();
            long requestsBefore = emu.requestCount();
            Thread.sleep(5000);
            long cpuIdle = processCpu() - cpuBefore;
            System.out.println("idle 5 s: cpu " + Duration.ofNanos(cpuIdle) + ", requests "
                    + (emu.requestCount() - requestsBefore));
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.println("heap used MiB " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
            assertThat(emu.requestCount() - requestsBefore).isZero();
            assertThat(emu.simulationErrors()).isEmpty();
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
