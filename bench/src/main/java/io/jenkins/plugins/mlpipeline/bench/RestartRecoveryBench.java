package io.jenkins.plugins.mlpipeline.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.engine.EngineSettings;
import io.jenkins.plugins.mlpipeline.engine.RunFollow;
import io.jenkins.plugins.mlpipeline.engine.RunObserver;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.engine.TrainingEngine;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4: 1,000 runs in flight, followed by one engine; the engine is closed (a controller restart), every
 * run's {@link RunRef}, {@link LogPosition} and metrics go through Java serialization, and a new engine with a new
 * client launches each run again (must adopt, never create) and follows it from the persisted position. Every
 * container writes a known sequence of lines, so lost and repeated lines are counted exactly.
 */
final class RestartRecoveryBench {

    private static final int RUNS = 1_000;
    private static final int LINES = 60;
    private static final Duration LINE_EVERY = Duration.ofMillis(250);
    private static final int LINES_BEFORE_RESTART = 5;
    private static final String IMAGE = "bench-chatty:1";

    /**
     * @param runs            runs in flight at the restart
     * @param reattachSeconds from creating the new engine until every run was re-launched (adopted), followed again,
     *                        and had reported its state
     * @param firstLineSeconds from creating the new engine until every run still writing had delivered a new line
     * @param reattached      runs that reported a state after the restart
     * @param duplicateJobs   Jobs created by the re-launch (Jobs in the namespace minus runs)
     * @param notAdopted      re-launches that did not adopt the existing Job
     * @param lostLines       container lines never delivered
     * @param duplicatedLines container lines delivered more than once
     * @param succeeded       runs that finished as SUCCEEDED
     */
    record Figures(int runs, double reattachSeconds, double firstLineSeconds, int reattached, int duplicateJobs,
                   int notAdopted, long lostLines, long duplicatedLines, int succeeded) {

        double reattachedRatio() {
            return reattached / (double) runs;
        }
    }

    /** What the Jenkins step persists per run. */
    private record Persisted(RunRef ref, LogPosition position, MetricsSnapshot metrics) implements Serializable {
    }

    Figures run() throws Exception {
        ContainerScript script = ContainerScript.create();
        for (int i = 1; i <= LINES; i++) {
            script = script.log(LINE_EVERY, line(i));
        }
        try (ClusterEmulator emu = ClusterEmulator.builder().build()) {
            emu.script(IMAGE, script.exit(0));
            TrainingSpec spec = BenchJobs.spec(IMAGE).build();

            // ---- before the restart
            KubernetesClient firstClient = emu.newClient(ClusterEmulator.DEFAULT_TOKEN);
            TrainingEngine first = new TrainingEngine(() -> firstClient, EngineSettings.defaults());
            List<Collector> before = new ArrayList<>();
            List<RunFollow> follows = new ArrayList<>();
            List<RunRef> refs = launchAll(first, spec);
            for (RunRef ref : refs) {
                Collector c = new Collector();
                before.add(c);
                follows.add(first.follow(ref, LogPosition.START, c));
            }
            awaitLines(before, LINES_BEFORE_RESTART, Duration.ofMinutes(2));
            first.close(); // positions now match exactly what each observer received
            List<Persisted> persisted = new ArrayList<>();
            for (RunFollow f : follows) {
                persisted.add(new Persisted(f.ref(), f.position(), f.metrics()));
            }
            persisted = roundTrip(persisted);
            firstClient.close();
            say("%d runs followed, engine closed after >= %d lines each; %s of state serialized", RUNS,
                    LINES_BEFORE_RESTART, Format.kib(serializedSize(persisted)));

            // ---- after the restart: new client, new engine, launch again (adopt) and follow from the position
            KubernetesClient secondClient = emu.newClient(ClusterEmulator.DEFAULT_TOKEN);
            long restart = System.nanoTime();
            TrainingEngine second = new TrainingEngine(() -> secondClient, EngineSettings.defaults());
            List<Collector> after = new ArrayList<>();
            int notAdopted = 0;
            for (int i = 0; i < RUNS; i++) {
                LaunchResult again = second.launch(spec, BenchJobs.identity("restart", i), BenchJobs.NAMESPACE);
                if (!again.adopted() || !again.ref().equals(persisted.get(i).ref())) {
                    notAdopted++;
                }
                Collector c = new Collector();
                after.add(c);
                Persisted p = persisted.get(i);
                second.follow(p.ref(), p.position(), p.metrics(), c);
            }
            for (Collector c : after) {
                c.attached.await(2, TimeUnit.MINUTES);
            }
            double reattachSeconds = (lastOf(after, true) - restart) / 1e9;
            for (Collector c : after) {
                if (!c.finished.await(3, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("a run did not finish within 3 minutes after the restart");
                }
            }
            double firstLineSeconds = (lastOf(after, false) - restart) / 1e9;
            int jobs = secondClient.batch().v1().jobs().inNamespace(BenchJobs.NAMESPACE)
                    .withLabel(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE).list().getItems().size();
            second.close();

            long lost = 0;
            long duplicated = 0;
            int succeeded = 0;
            int reattached = 0;
            for (int i = 0; i < RUNS; i++) {
                List<String> lines = new ArrayList<>(before.get(i).containerLines());
                lines.addAll(after.get(i).containerLines());
                LineAudit audit = LineAudit.of(lines, LINES);
                lost += audit.lost();
                duplicated += audit.duplicated();
                if (after.get(i).result != null && after.get(i).result.verdict().phase() == RunPhase.SUCCEEDED) {
                    succeeded++;
                }
                if (after.get(i).attachedAt > 0) {
                    reattached++;
                }
            }
            Figures f = new Figures(RUNS, reattachSeconds, firstLineSeconds, reattached, jobs - RUNS, notAdopted, lost,
                    duplicated, succeeded);
            say("re-attached %d/%d in %.1f s (all logs resumed within %.1f s); duplicate Jobs %d, re-launches not adopted %d;"
                            + " lost lines %d, duplicated lines %d; succeeded %d/%d", reattached, RUNS, reattachSeconds,
                    firstLineSeconds, f.duplicateJobs(), notAdopted, lost, duplicated, succeeded, RUNS);
            return f;
        }
    }

    static String line(int i) {
        return "step " + i + " of " + LINES;
    }

    private static List<RunRef> launchAll(TrainingEngine engine, TrainingSpec spec) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RunRef>> futures = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                int n = i;
                futures.add(pool.submit(() -> engine.launch(spec, BenchJobs.identity("restart", n), BenchJobs.NAMESPACE).ref()));
            }
            List<RunRef> refs = new ArrayList<>();
            for (Future<RunRef> f : futures) {
                refs.add(f.get(5, TimeUnit.MINUTES));
            }
            return refs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitLines(List<Collector> collectors, int lines, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Collector c : collectors) {
            while (c.containerLines().size() < lines) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a run had only " + c.containerLines().size() + " lines after " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Persisted> roundTrip(List<Persisted> state) throws IOException, ClassNotFoundException {
        byte[] bytes = serialize(state);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (List<Persisted>) in.readObject();
        }
    }

    private static long serializedSize(List<Persisted> state) throws IOException {
        return serialize(state).length;
    }

    private static byte[] serialize(List<Persisted> state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(state));
        }
        return bytes.toByteArray();
    }

    /** Latest attach (or, with {@code attach} false, latest first new line) over the runs that had one. */
    private static long lastOf(List<Collector> collectors, boolean attach) {
        long last = 0;
        for (Collector c : collectors) {
            last = Math.max(last, attach ? c.attachedAt : c.firstLineAt);
        }
        return last;
    }

    private static void say(String format, Object... args) {
        System.out.println("[restart] " + String.format(Locale.ROOT, format, args));
    }

    /** Records what one run's observer heard. */
    private static final class Collector implements RunObserver {
        private final List<String> lines = new ArrayList<>();
        final CountDownLatch attached = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        volatile long attachedAt;
        volatile long firstLineAt;
        volatile RunResult result;

        @Override
        public void log(String line) {
            if (!line.startsWith("[ml] ") && firstLineAt == 0) {
                firstLineAt = System.nanoTime();
            }
            synchronized (lines) {
                lines.add(line);
            }
        }

        @Override
        public void status(RunVerdict verdict) {
            markAttached();
        }

        @Override
        public void finished(RunResult r) {
            result = r;
            markAttached();
            finished.countDown();
        }

        private void markAttached() {
            if (attachedAt == 0) {
                attachedAt = System.nanoTime();
                attached.countDown();
            }
        }

        List<String> containerLines() {
            synchronized (lines) {
                return lines.stream().filter(l -> !l.startsWith("[ml] ")).toList();
            }
        }
    }
}
