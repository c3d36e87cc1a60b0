package io.jenkins.plugins.mlpipeline.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.launch.JobLauncher;
import io.jenkins.plugins.mlpipeline.render.JobRenderer;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Creating, waiting for and completing the Jobs the benchmarks run on; setup work, never what is measured. */
final class BenchJobs {

    static final String NAMESPACE = ClusterEmulator.NAMESPACE;
    /** Parallel creates during setup, as in the emulator's own scale test. */
    private static final int SETUP_THREADS = 8;

    private BenchJobs() {
    }

    /** What an {@code mlTrain} step would pass: validated when built. */
    static TrainingSpec.Builder spec(String image) {
        return TrainingSpec.builder().name("train").image(image).command("python", "train.py")
                .param("epochs", 10).param("lr", 0.001).env("MODE", "bench");
    }

    static RunIdentity identity(String prefix, int i) {
        return RunIdentity.of("bench/" + prefix + "#" + i + "/train", "https://ci.example.com/job/bench/" + i + "/",
                "0123456789abcdef0123456789abcdef01234567");
    }

    static Job render(TrainingSpec spec, String prefix, int i) {
        return new JobRenderer().render(spec, identity(prefix, i), NAMESPACE);
    }

    /** Renders and launches {@code count} Jobs of {@code image} with the core launcher, 8 at a time. */
    static List<RunRef> launch(KubernetesClient client, String image, String prefix, int count) throws Exception {
        TrainingSpec spec = spec(image).build();
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<RunRef>> futures = new ArrayList<>(count);
            JobLauncher launcher = new JobLauncher(client);
            for (int i = 0; i < count; i++) {
                Job job = render(spec, prefix, i);
                futures.add(pool.submit(() -> launcher.launch(job).ref()));
            }
            List<RunRef> refs = new ArrayList<>(count);
            for (Future<RunRef> f : futures) {
                refs.add(f.get(10, TimeUnit.MINUTES));
            }
            return refs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until {@code count} of our pods run (one list every 2 s: setup only). */
    static void awaitRunningPods(KubernetesClient client, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long running = 0;
        while (Instant.now().isBefore(deadline)) {
            List<Pod> pods = client.pods().inNamespace(NAMESPACE).withLabel(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE)
                    .list().getItems();
            running = pods.stream().filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count();
            if (running >= count) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("only " + running + " of " + count + " pods were running after " + timeout);
    }

    /**
     * Marks the Job complete the way the Job controller would (one JSON merge patch of the status subresource). The
     * emulator's controller leaves a finished Job alone, so the condition stays.
     */
    static void complete(KubernetesClient client, RunRef ref) {
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String patch = "{\"status\":{\"active\":0,\"succeeded\":1,\"completionTime\":\"" + now + "\",\"conditions\":["
                + "{\"type\":\"SuccessCriteriaMet\",\"status\":\"True\",\"reason\":\"CompletionsReached\","
                + "\"message\":\"Reached expected number of succeeded pods\",\"lastTransitionTime\":\"" + now + "\"},"
                + "{\"type\":\"Complete\",\"status\":\"True\",\"reason\":\"CompletionsReached\","
                + "\"message\":\"Reached expected number of succeeded pods\",\"lastTransitionTime\":\"" + now + "\"}]}}";
        client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    static boolean isComplete(Job job) {
        return job != null && job.getStatus() != null && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream()
                        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
