package io.jenkins.plugins.mlpipeline.engine;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.launch.JobCanceller;
import io.jenkins.plugins.mlpipeline.launch.JobLauncher;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.logs.Fabric8PodLogSource;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.logs.PodLogSource;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.render.JobRenderer;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.track.RunTracker;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The engine for one Kubernetes cluster: launches training Jobs, follows them (state, logs, metrics) and cancels
 * them. One instance per cluster is meant to be shared by every build; it owns a {@link RunTracker} (one informer
 * set per namespace) and a pool for log streams (one blocking read per followed run while its container runs).
 *
 * <p>{@link #launch} and {@link #cancel} do blocking I/O and must be called off the Pipeline thread;
 * {@link #follow} returns at once.
 */
public final class TrainingEngine implements AutoCloseable {

    private final Supplier<KubernetesClient> clients;
    private final EngineSettings settings;
    private final RunTracker tracker;
    private final PodLogSource logSource;
    private final ExecutorService logReaders;
    private final ExecutorService finishers;
    private final Set<RunFollow> follows = ConcurrentHashMap.newKeySet();

    public TrainingEngine(Supplier<KubernetesClient> clients, EngineSettings settings) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tracker = new RunTracker(clients, settings.tracker());
        // Resolved per stream so a client re-obtained after expired credentials is used for new streams too.
        this.logSource = (ns, pod, container, since, follow) ->
                new Fabric8PodLogSource(clients.get()).open(ns, pod, container, since, follow);
        this.logReaders = Executors.newCachedThreadPool(daemon("ml-log-reader"));
        // Finishing a run waits a little for its last log lines and may delete the Job: never on the tracker thread.
        this.finishers = Executors.newCachedThreadPool(daemon("ml-run-finisher"));
    }

    /** Renders, validates and creates the Job, or adopts the one this run identity already created. Blocking. */
    public LaunchResult launch(TrainingSpec spec, RunIdentity identity, String namespace) {
        Job job = new JobRenderer().render(spec, identity, namespace);
        return new JobLauncher(clients.get()).launch(job);
    }

    /**
     * Follows a run from {@code from} (where a previous follower stopped, or {@link LogPosition#START}) until it
     * finishes; the observer hears logs, state changes and, once, the result.
     */
    public RunFollow follow(RunRef ref, LogPosition from, RunObserver observer) {
        return follow(ref, from, MetricsSnapshot.empty(), observer);
    }

    /**
     * Re-attaches after a controller restart: the log resumes after {@code from} and the metrics carry on from
     * {@code metricsSoFar} (both as persisted from the previous {@link RunFollow}).
     */
    public RunFollow follow(RunRef ref, LogPosition from, MetricsSnapshot metricsSoFar, RunObserver observer) {
        return follow(ref, from, metricsSoFar, null, observer);
    }

    /**
     * As {@link #follow(RunRef, LogPosition, MetricsSnapshot, RunObserver)}, collecting the run's outputs (see
     * {@link io.jenkins.plugins.mlpipeline.render.OutputSidecar}) into {@code outputs} when it is not null.
     */
    public RunFollow follow(RunRef ref, LogPosition from, MetricsSnapshot metricsSoFar, OutputRequest outputs,
                            RunObserver observer) {
        RunFollow follow = new RunFollow(ref, from, metricsSoFar, outputs, observer, settings, logSource, logReaders,
                finishers, clients, follows::remove);
        follows.add(follow);
        follow.start(tracker);
        return follow;
    }

    /** Deletes the run's Job (foreground) and waits a bounded time for its pods. Blocking; idempotent. */
    public JobCanceller.CancelResult cancel(RunRef ref) throws InterruptedException {
        return new JobCanceller(clients.get()).cancel(ref, settings.cancelWait());
    }

    public RunTracker tracker() {
        return tracker;
    }

    /**
     * Stops following every run (their Jobs keep running) and releases the engine's threads. When it returns, each
     * follow's {@link RunFollow#position()} matches the lines its observer received.
     */
    @Override
    public void close() {
        List.copyOf(follows).forEach(RunFollow::close);
        tracker.close();
        logReaders.shutdownNow();
        finishers.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
