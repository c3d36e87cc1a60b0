package io.jenkins.plugins.mlpipeline.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import io.jenkins.plugins.mlpipeline.track.RunListener;
import io.jenkins.plugins.mlpipeline.track.RunSnapshot;
import io.jenkins.plugins.mlpipeline.track.RunTracker;
import io.jenkins.plugins.mlpipeline.track.TrackerSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benchmark 1: N running Jobs tracked by one {@link RunTracker} (production settings) versus a per-run poller that
 * GETs each Job every 2 s on a scheduled pool, both against one emulator per N, one after the other.
 */
final class TrackingScaleBench {

    static final String IMAGE = "bench-idle:1";
    private static final Duration POLL_PERIOD = Duration.ofSeconds(2);
    private static final int POLLER_THREADS = 8;
    private static final int MAX_NOTICE_SAMPLES = 200;

    /**
     * @param n                     Jobs running and tracked
     * @param attach                from the first track() call until every run reported Running
     * @param threads               threads started by the tracker and its client
     * @param heapPerRun            (used heap after GC with the tracker - before) / n, bytes
     * @param engineRequestsPerRunMinute API requests per run per minute in steady state
     * @param engineNotice          completion-to-listener delays
     * @param pollerRequestsPerRunMinute the poller's measured rate (nominal 30)
     * @param pollerNotice          completion-to-poller delays
     * @param pollerRuns            runs the poller followed (n minus those the engine phase completed)
     */
    record Figures(int n, Duration attach, ThreadCensus.NewThreads threads, double heapPerRun, long heapDelta,
                   double engineRequestsPerRunMinute, Percentiles engineNotice, double pollerRequestsPerRunMinute,
                   Percentiles pollerNotice, int pollerRuns) {

        double requestRatio() {
            return engineRequestsPerRunMinute == 0 ? Double.POSITIVE_INFINITY
                    : pollerRequestsPerRunMinute / engineRequestsPerRunMinute;
        }
    }

    private final Duration window;
    private final Duration pollerWindow;

    TrackingScaleBench(Duration window, Duration pollerWindow) {
        this.window = window;
        this.pollerWindow = pollerWindow;
    }

    Figures run(int n) throws Exception {
        int samples = Math.max(1, Math.min(MAX_NOTICE_SAMPLES, n / 4));
        try (ClusterEmulator emu = ClusterEmulator.builder().build()) {
            emu.script(IMAGE, ContainerScript.create().log("training").runForever());
            KubernetesClient setup = emu.client();
            long t0 = System.nanoTime();
            List<RunRef> refs = BenchJobs.launch(setup, IMAGE, "track-" + n, n);
            BenchJobs.awaitRunningPods(setup, n, Duration.ofMinutes(5));
            emu.awaitSimulationIdle();
            say("N=%d: %d Jobs created and running in %s", n, n, seconds(System.nanoTime() - t0));

            // ---- engine: one tracker, its own client
            ThreadCensus threadsBefore = ThreadCensus.take();
            long heapBefore = HeapMeter.usedAfterGc();
            KubernetesClient engineClient = emu.newClient(ClusterEmulator.DEFAULT_TOKEN);
            RunTracker tracker = new RunTracker(() -> engineClient, TrackerSettings.defaults());
            NoticeClock engineClock = new NoticeClock();
            CountDownLatch running = new CountDownLatch(n);
            long attachStart = System.nanoTime();
            for (RunRef ref : refs) {
                tracker.track(ref, new Listener(ref.name(), running, engineClock));
            }
            if (!running.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException(running.getCount() + " of " + n + " runs never reported Running");
            }
            Duration attach = Duration.ofNanos(System.nanoTime() - attachStart);
            Thread.sleep(2000); // let the informers' initial burst settle
            long heapWithTracker = HeapMeter.usedAfterGc();
            say("N=%d: engine attached in %s; heap +%s since before the tracker (includes the emulator's own growth)",
                    n, seconds(attach.toNanos()), Format.mib(heapWithTracker - heapBefore));
            if (tracker.trackedRuns() != n) {
                throw new IllegalStateException("tracker tracks " + tracker.trackedRuns() + " runs, expected " + n);
            }
            double engineRate = requestsPerRunMinute(emu, n, window);
            say("N=%d: engine steady state %s requests/run/min over %ds", n, Format.num(engineRate), window.toSeconds());
            Percentiles engineNotice = completeAndTime(setup, refs.subList(0, samples), engineClock);
            say("N=%d: engine notice %s", n, engineNotice);
            // Counted last: the tracker's I/O thread starts with its first probe, 30 s after the first track().
            ThreadCensus.NewThreads threads = ThreadCensus.take().since(threadsBefore);
            say("N=%d: threads started by the tracker and its client: %s", n, threads);
            tracker.close();
            engineClient.close();
            // What the engine held is what its closing frees: the emulator's own state (which grows while the
            // informers list it) stays on both sides of this difference.
            long heapDelta = heapWithTracker - HeapMeter.usedAfterGc();
            say("N=%d: heap held by the engine (freed when it closed): %s (%s/run)", n, Format.mib(heapDelta),
                    Format.kib((double) heapDelta / n));

            // ---- baseline: GET each remaining Job every 2 s
            List<RunRef> polled = refs.subList(samples, refs.size());
            NoticeClock pollerClock = new NoticeClock();
            KubernetesClient pollerClient = emu.newClient(ClusterEmulator.DEFAULT_TOKEN);
            ScheduledExecutorService pool = Executors.newScheduledThreadPool(POLLER_THREADS);
            try {
                for (RunRef ref : polled) {
                    schedulePoll(pool, pollerClient, ref, pollerClock);
                }
                Thread.sleep(POLL_PERIOD.toMillis() + 500); // every poller has started
                double pollerRate = requestsPerRunMinute(emu, polled.size(), pollerWindow);
                say("N=%d: poller steady state %s requests/run/min over %ds", n, Format.num(pollerRate),
                        pollerWindow.toSeconds());
                Percentiles pollerNotice = completeAndTime(setup, polled.subList(0, Math.min(samples, polled.size())),
                        pollerClock);
                say("N=%d: poller notice %s", n, pollerNotice);
                return new Figures(n, attach, threads, (double) heapDelta / n, heapDelta, engineRate, engineNotice,
                        pollerRate, pollerNotice, polled.size());
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
                pollerClient.close();
            }
        }
    }

    private static double requestsPerRunMinute(ClusterEmulator emu, int runs, Duration window) throws InterruptedException {
        long before = emu.requestCount();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        long requests = emu.requestCount() - before;
        double minutes = (System.nanoTime() - start) / 60e9;
        return requests / (double) runs / minutes;
    }

    /** Completes the Jobs one by one at 10-40 ms intervals and waits until each completion was noticed. */
    private static Percentiles completeAndTime(KubernetesClient client, List<RunRef> jobs, NoticeClock clock)
            throws InterruptedException {
        for (RunRef ref : jobs) {
            clock.completing(ref.name());
            BenchJobs.complete(client, ref);
            Thread.sleep(ThreadLocalRandom.current().nextInt(10, 41));
        }
        if (!clock.awaitAll(jobs.size(), 60_000)) {
            throw new IllegalStateException("only " + clock.noticed() + " of " + jobs.size()
                    + " completions were noticed within 60 s");
        }
        return clock.delays();
    }

    /** The baseline: what a per-run trigger does (Airflow's KubernetesPodOperator trigger polls every 2 s). */
    private static void schedulePoll(ScheduledExecutorService pool, KubernetesClient client, RunRef ref, NoticeClock clock) {
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        long initialDelay = ThreadLocalRandom.current().nextLong(POLL_PERIOD.toMillis());
        self.set(pool.scheduleAtFixedRate(() -> {
            try {
                Job job = client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
                if (BenchJobs.isComplete(job)) {
                    clock.noticed(ref.name());
                    ScheduledFuture<?> f = self.get();
                    if (f != null) {
                        f.cancel(false);
                    }
                }
            } catch (RuntimeException e) {
                // a poller keeps polling; the request count shows what it cost
            }
        }, initialDelay, POLL_PERIOD.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void say(String format, Object... args) {
        System.out.println("[tracking] " + String.format(java.util.Locale.ROOT, format, args));
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Small on purpose: one per tracked run, so its size counts in the heap figure. */
    private static final class Listener implements RunListener {
        private final String job;
        private final CountDownLatch running;
        private final NoticeClock clock;
        private boolean sawRunning;

        Listener(String job, CountDownLatch running, NoticeClock clock) {
            this.job = job;
            this.running = running;
            this.clock = clock;
        }

        @Override
        public void onChange(RunSnapshot snapshot) {
            if (!sawRunning && snapshot.verdict().phase() == RunPhase.RUNNING) {
                sawRunning = true;
                running.countDown();
            }
        }

        @Override
        public void onFinished(RunSnapshot snapshot) {
            if (snapshot.verdict().phase() == RunPhase.SUCCEEDED) {
                clock.noticed(job);
            } else {
                System.out.println("[tracking] unexpected end of " + job + ": " + snapshot.verdict());
            }
        }
    }
}
