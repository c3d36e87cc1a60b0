package io.jenkins.plugins.mlpipeline.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.engine.EngineSettings;
import io.jenkins.plugins.mlpipeline.engine.TrainingEngine;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 3: launches through {@link TrainingEngine#launch} (spec built and validated from the step's arguments,
 * Job rendered, created idempotently) versus creating the very same Job objects (rendered beforehand, untimed) with
 * the bare fabric8 client. One caller thread each, alternating blocks of 100, same client, controllers paused so
 * the emulator only stores (no pods are simulated while we measure).
 */
final class LaunchRateBench {

    private static final int LAUNCHES = 1_000;
    private static final int WARM_UP = 200;
    private static final int BLOCK = 100;
    private static final String IMAGE = "bench-train:1";

    /**
     * @param launches          launches per path
     * @param engineSeconds     total time of the engine launches
     * @param bareSeconds       total time of the bare creates
     * @param readopted         launches repeated through the engine that adopted the existing Job
     * @param jobs              Jobs in the namespace at the end (2 x launches + warm-up: no duplicates)
     */
    record Figures(int launches, double engineSeconds, double bareSeconds, int readopted, int jobs, int expectedJobs) {

        double engineRate() {
            return launches / engineSeconds;
        }

        double bareRate() {
            return launches / bareSeconds;
        }

        double ratio() {
            return engineRate() / bareRate();
        }
    }

    Figures run() throws Exception {
        try (ClusterEmulator emu = ClusterEmulator.builder().build()) {
            emu.pauseControllers();
            KubernetesClient client = emu.client();
            try (TrainingEngine engine = new TrainingEngine(() -> client, EngineSettings.defaults())) {
                // Rendered up front: the baseline creates exactly what the engine would, and pays nothing else.
                TrainingSpec template = BenchJobs.spec(IMAGE).build();
                List<Job> bareJobs = new ArrayList<>();
                for (int i = 0; i < WARM_UP + LAUNCHES; i++) {
                    bareJobs.add(BenchJobs.render(template, "bare", i));
                }
                for (int i = 0; i < WARM_UP; i++) {
                    engineLaunch(engine, i);
                    client.batch().v1().jobs().inNamespace(BenchJobs.NAMESPACE).resource(bareJobs.get(i)).create();
                }
                long engineNanos = 0;
                long bareNanos = 0;
                for (int block = 0; block < LAUNCHES / BLOCK; block++) {
                    int from = WARM_UP + block * BLOCK;
                    long t0 = System.nanoTime();
                    for (int i = from; i < from + BLOCK; i++) {
                        engineLaunch(engine, i);
                    }
                    long t1 = System.nanoTime();
                    for (int i = from; i < from + BLOCK; i++) {
                        client.batch().v1().jobs().inNamespace(BenchJobs.NAMESPACE).resource(bareJobs.get(i)).create();
                    }
                    long t2 = System.nanoTime();
                    engineNanos += t1 - t0;
                    bareNanos += t2 - t1;
                }
                // Idempotence: launching a run again adopts its Job instead of creating another.
                int readopted = 0;
                for (int i = WARM_UP; i < WARM_UP + 50; i++) {
                    if (engineLaunch(engine, i).adopted()) {
                        readopted++;
                    }
                }
                int jobs = client.batch().v1().jobs().inNamespace(BenchJobs.NAMESPACE).list().getItems().size();
                Figures f = new Figures(LAUNCHES, engineNanos / 1e9, bareNanos / 1e9, readopted, jobs,
                        2 * (WARM_UP + LAUNCHES));
                System.out.println(String.format(Locale.ROOT,
                        "[launch] %d launches: engine %.0f/s (%.2f s), bare fabric8 %.0f/s (%.2f s); re-launch adopted %d/50; "
                                + "%d Jobs (expected %d)", LAUNCHES, f.engineRate(), f.engineSeconds(), f.bareRate(),
                        f.bareSeconds(), readopted, jobs, f.expectedJobs()));
                if (jobs != f.expectedJobs() || readopted != 50) {
                    throw new IllegalStateException("launches were not idempotent: " + jobs + " Jobs, " + readopted
                            + "/50 adopted");
                }
                return f;
            } finally {
                emu.resumeControllers();
            }
        }
    }

    /** What the step does per launch: build (validate) the spec from its arguments, then launch. */
    private static LaunchResult engineLaunch(TrainingEngine engine, int i) {
        TrainingSpec spec = BenchJobs.spec(IMAGE).build();
        return engine.launch(spec, BenchJobs.identity("engine", i), BenchJobs.NAMESPACE);
    }
}
