package io.jenkins.plugins.mlpipeline.track;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.JobPods;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.status.HumanDuration;
import io.jenkins.plugins.mlpipeline.status.PodStates;
import io.jenkins.plugins.mlpipeline.status.RunClassifier;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the state of many remote runs of one cluster with one set of informers per namespace (Jobs, Pods and
 * Warning events, selected by our managed-by label), however many runs there are. Runs subscribe with
 * {@link #track}; the tracker classifies their state on every change and on a timer and tells their listener.
 *
 * <p>Threads: one dispatch thread owns all run state, one I/O thread does the few direct API calls (look-ups and the
 * periodic safety-net list), plus the informers of the fabric8 client. None of this grows with the number of runs.
 *
 * <p>Recovery: the informers re-watch and re-list by themselves after disconnects and {@code 410 Gone}; a periodic
 * probe notices an unreachable API (fabric8 keeps reporting a broken watch as watching while it retries); a
 * {@code 401} makes the tracker ask its client supplier for a new client (expired cloud tokens) and restart the
 * informers; an API unreachable for longer than the configured limit fails the runs of that namespace with a message
 * saying so.
 */
public final class RunTracker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunTracker.class.getName());
    /** How often a Job we did not launch is read; ours are watched instead. */
    private static final Duration FOREIGN_POLL = Duration.ofSeconds(2);

    private final Supplier<KubernetesClient> clientSupplier;
    private final TrackerSettings settings;
    private final RunClassifier classifier;
    private final ScheduledExecutorService dispatcher;
    private final ExecutorService io;
    /** Dispatch thread only. */
    private final Map<String, NamespaceWatch> namespaces = new HashMap<>();
    private volatile KubernetesClient client;
    private Instant lastClientRefresh = Instant.EPOCH;
    private volatile boolean closed;

    public RunTracker(Supplier<KubernetesClient> clientSupplier, TrackerSettings settings) {
        this.clientSupplier = Objects.requireNonNull(clientSupplier, "clientSupplier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.classifier = new RunClassifier(settings.classifier());
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(daemon("ml-run-tracker"));
        this.io = Executors.newSingleThreadExecutor(daemon("ml-run-tracker-io"));
        long tick = settings.tick().toMillis();
        dispatcher.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts tracking a run. Returns at once; the listener hears the current state shortly after, on the dispatch
     * thread. A run whose Job has already finished is reported finished at once; one whose Job does not exist fails
     * with reason {@code NotFound}.
     */
    public RunSubscription track(RunRef ref, RunListener listener) {
        TrackedRun run = new TrackedRun(this, ref, Objects.requireNonNull(listener, "listener"));
        dispatch(() -> {
            if (run.closed) {
                return;
            }
            NamespaceWatch watch = namespaces.computeIfAbsent(ref.namespace(), this::openWatch);
            watch.emptySince = null;
            watch.runs.computeIfAbsent(ref.name(), n -> new ArrayList<>()).add(run);
            watch.markDirty(ref.name());
        });
        return run;
    }

    void untrack(TrackedRun run) {
        dispatch(() -> remove(run));
    }

    /** Number of runs being tracked; for tests and benchmarks. */
    public int trackedRuns() {
        return callOnDispatcher(() -> namespaces.values().stream().mapToInt(w -> w.runs.values().stream()
                .mapToInt(List::size).sum()).sum());
    }

    @Override
    public void close() {
        closed = true;
        try {
            // Stop the informers and let their caches go, even if someone keeps a reference to this tracker.
            dispatcher.submit(() -> {
                namespaces.values().forEach(NamespaceWatch::stop);
                namespaces.clear();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "stopping informers", e);
        }
        dispatcher.shutdownNow();
        io.shutdownNow();
    }

    // ---------------------------------------------------------------- dispatch thread

    private NamespaceWatch openWatch(String namespace) {
        NamespaceWatch watch = new NamespaceWatch(namespace, w -> dispatch(() -> drain(w)));
        startInformers(watch);
        watch.lastProbe = now();
        return watch;
    }

    private void startInformers(NamespaceWatch watch) {
        watch.start(client(), JobLabels.SELECTOR, (started, t) -> onInformerError(watch, t),
                job -> dispatch(() -> onJobDeleted(watch, job)),
                event -> dispatch(() -> onEvent(watch, event)));
    }

    private void drain(NamespaceWatch watch) {
        for (String name : watch.takeDirty()) {
            List<TrackedRun> runs = watch.runs.get(name);
            if (runs != null) {
                for (TrackedRun run : List.copyOf(runs)) {
                    evaluate(watch, run);
                }
            }
        }
    }

    private void evaluate(NamespaceWatch watch, TrackedRun run) {
        if (run.finished || run.closed) {
            return;
        }
        if (run.foreign) {
            evaluateForeign(watch, run);
            return;
        }
        Job job = null;
        if (!run.gone) {
            job = watch.cachedJob(run.ref.name());
            if (job != null && run.ref.uid() != null && !run.ref.uid().equals(job.getMetadata().getUid())) {
                // Same name, another Job: ours was deleted and someone created a new one.
                job = null;
                run.gone = true;
            }
        }
        if (job != null) {
            run.lastJob = job;
            if (run.ref.uid() == null) {
                run.ref = run.ref.withUid(job.getMetadata().getUid());
            }
        } else if (!run.gone) {
            if (!watch.synced()) {
                return; // the informer will mark the run dirty once it has listed
            }
            lookUp(watch, run);
            return;
        }
        Job observed = job != null ? job : run.lastJob;
        if (observed == null) {
            finish(watch, run, new RunSnapshot(run.ref, null, List.of(), RunVerdict.failed("NotFound",
                    "Job " + run.ref + " not found: it was never created, or it was deleted before Jenkins saw it")));
            return;
        }
        conclude(watch, run, job, observed, podsOf(watch, observed));
    }

    /** A Job without our label: the informers cannot see it, so a light poll keeps its state (see pollForeign). */
    private void evaluateForeign(NamespaceWatch watch, TrackedRun run) {
        if (run.lastJob == null) {
            return; // first poll still in flight
        }
        conclude(watch, run, run.gone ? null : run.lastJob, run.lastJob, run.foreignPods);
    }

    private void conclude(NamespaceWatch watch, TrackedRun run, Job job, Job observed, List<Pod> pods) {
        RunVerdict verdict = classifier.classify(observed, pods, run.clocks, now());
        if (job == null && !verdict.isFinal()) {
            verdict = RunVerdict.cancelled("JobDeleted", "Job " + run.ref + " was deleted outside Jenkins");
        }
        // Once Jenkins deletes the Job, a failure is our own doing: the garbage collector kills the pods, and the Job
        // controller may count them as failed before the Job disappears.
        if (run.cancelledByJenkins && (verdict.phase() == RunPhase.CANCELLED || verdict.phase() == RunPhase.FAILED)) {
            verdict = RunVerdict.cancelled("Aborted", "Job " + run.ref + " was deleted by Jenkins");
        }
        RunSnapshot snapshot = new RunSnapshot(run.ref, observed, pods, verdict);
        if (verdict.isFinal()) {
            finish(watch, run, snapshot);
            return;
        }
        String fingerprint = fingerprint(observed, pods, verdict);
        if (!fingerprint.equals(run.lastFingerprint)) {
            run.lastFingerprint = fingerprint;
            run.lastVerdict = verdict;
            notify(run, () -> run.listener.onChange(snapshot));
        }
    }

    /** The Job is not in the cache of a synced informer: ask the API server directly, off the dispatch thread. */
    private void lookUp(NamespaceWatch watch, TrackedRun run) {
        if (run.lookupInFlight) {
            return;
        }
        run.lookupInFlight = true;
        RunRef ref = run.ref;
        io.execute(() -> {
            Job found = null;
            Throwable error = null;
            try {
                found = client().batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
            } catch (RuntimeException e) {
                error = e;
            }
            Job result = found;
            Throwable failure = error;
            dispatch(() -> {
                run.lookupInFlight = false;
                if (failure != null) {
                    // API trouble: the health check decides when to give up; look again on the next tick.
                    watch.lastError = describe(failure);
                    return;
                }
                if (result == null || (ref.uid() != null && !ref.uid().equals(result.getMetadata().getUid()))) {
                    run.gone = true;
                } else {
                    run.lastJob = result;
                    if (run.ref.uid() == null) {
                        run.ref = run.ref.withUid(result.getMetadata().getUid());
                    }
                    if (!isOurs(result)) {
                        // Launched by someone else (mlSensor on any Job): invisible to our label-selected informers.
                        run.foreign = true;
                        pollForeign(watch, run);
                        return;
                    }
                }
                watch.markDirty(ref.name());
            });
        });
    }

    /**
     * Reads a foreign Job and its pods (one GET and one list) off the dispatch thread. Only Jobs we did not launch are
     * polled, every {@link #FOREIGN_POLL}; ours are watched.
     */
    private void pollForeign(NamespaceWatch watch, TrackedRun run) {
        if (run.pollInFlight || run.finished) {
            return;
        }
        run.pollInFlight = true;
        run.lastPoll = now();
        RunRef ref = run.ref;
        io.execute(() -> {
            Job job = null;
            List<Pod> pods = List.of();
            Throwable failure = null;
            try {
                job = client().batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
                if (job != null) {
                    pods = JobPods.list(client(), ref.namespace(), ref.name(), job.getMetadata().getUid());
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            Job found = job;
            List<Pod> foundPods = pods;
            Throwable error = failure;
            dispatch(() -> {
                run.pollInFlight = false;
                if (error != null) {
                    watch.lastError = describe(error);
                    return;
                }
                if (found == null || (ref.uid() != null && !ref.uid().equals(found.getMetadata().getUid()))) {
                    run.gone = true;
                } else {
                    run.lastJob = found;
                    run.foreignPods = foundPods;
                }
                watch.markDirty(ref.name());
            });
        });
    }

    private List<Pod> podsOf(NamespaceWatch watch, Job job) {
        String uid = job.getMetadata().getUid();
        List<Pod> pods = watch.cachedPodsOf(job.getMetadata().getName());
        if (uid != null) {
            pods.removeIf(p -> !JobPods.ownedBy(p, uid));
        }
        pods.sort(PodStates.BY_CREATION);
        return pods;
    }

    private void onJobDeleted(NamespaceWatch watch, Job job) {
        List<TrackedRun> runs = watch.runs.get(job.getMetadata().getName());
        if (runs == null) {
            return;
        }
        for (TrackedRun run : List.copyOf(runs)) {
            if (run.ref.uid() == null || run.ref.uid().equals(job.getMetadata().getUid())) {
                run.lastJob = job;
                run.gone = true;
                evaluate(watch, run);
            }
        }
    }

    private void onEvent(NamespaceWatch watch, Event event) {
        if (!"Warning".equals(event.getType()) || event.getInvolvedObject() == null) {
            return;
        }
        ObjectReference involved = event.getInvolvedObject();
        String jobName = null;
        if ("Job".equals(involved.getKind())) {
            jobName = involved.getName();
        } else if ("Pod".equals(involved.getKind()) && involved.getName() != null) {
            Pod pod = watch.cachedPod(involved.getName());
            jobName = pod != null ? NamespaceWatch.jobNameOf(pod) : jobNameFromPodName(involved.getName());
        }
        List<TrackedRun> runs = jobName == null ? null : watch.runs.get(jobName);
        if (runs == null) {
            return;
        }
        String eventId = event.getMetadata().getUid() != null ? event.getMetadata().getUid() : event.getMetadata().getName();
        WarningEvent warning = new WarningEvent(String.valueOf(involved.getKind()), involved.getName(),
                String.valueOf(event.getReason()), String.valueOf(event.getMessage()),
                event.getCount() == null ? 1 : event.getCount());
        for (TrackedRun run : List.copyOf(runs)) {
            if (!run.finished && run.firstReport(eventId)) {
                notify(run, () -> run.listener.onWarning(warning));
            }
        }
    }

    /** Job pods are named {@code <job>-<5 random chars>}; our Job names are short enough never to be truncated. */
    static String jobNameFromPodName(String podName) {
        int dash = podName.lastIndexOf('-');
        return dash > 0 && podName.length() - dash == 6 ? podName.substring(0, dash) : null;
    }

    private void finish(NamespaceWatch watch, TrackedRun run, RunSnapshot snapshot) {
        run.finished = true;
        run.lastVerdict = snapshot.verdict();
        remove(run);
        notify(run, () -> run.listener.onFinished(snapshot));
    }

    private void remove(TrackedRun run) {
        NamespaceWatch watch = namespaces.get(run.ref.namespace());
        if (watch == null) {
            return;
        }
        List<TrackedRun> runs = watch.runs.get(run.ref.name());
        if (runs != null) {
            runs.remove(run);
            if (runs.isEmpty()) {
                watch.runs.remove(run.ref.name());
            }
        }
        if (watch.runs.isEmpty() && watch.emptySince == null) {
            watch.emptySince = now();
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        Instant now = now();
        for (Iterator<NamespaceWatch> it = namespaces.values().iterator(); it.hasNext(); ) {
            NamespaceWatch watch = it.next();
            if (watch.runs.isEmpty()) {
                // Keep idle informers a while: the next build in the namespace would otherwise re-list everything.
                if (watch.emptySince != null && Duration.between(watch.emptySince, now).compareTo(settings.probeInterval()) >= 0) {
                    watch.stop();
                    it.remove();
                }
                continue;
            }
            checkHealth(watch, now);
            // While the API is unreachable, probe on every tick; otherwise at the probe interval.
            boolean due = watch.unavailableSince != null
                    || Duration.between(watch.lastProbe, now).compareTo(settings.probeInterval()) >= 0;
            if (due) {
                probe(watch);
            }
            // Time-limited waits (image pulls, unschedulable pods) only change with the clock.
            for (List<TrackedRun> runs : watch.runs.values()) {
                for (TrackedRun run : runs) {
                    if (run.foreign && Duration.between(run.lastPoll, now).compareTo(FOREIGN_POLL) >= 0) {
                        pollForeign(watch, run);
                    }
                    // Only a run inside a timed wait can change without an event; re-reading every pending run each
                    // tick would restore its Job and Pods from the reduced caches for nothing.
                    if (run.lastVerdict == null || (run.lastVerdict.phase() == RunPhase.PENDING && run.clocks.isRunning())) {
                        watch.markDirty(run.ref.name());
                    }
                }
            }
        }
    }

    /**
     * Fails the namespace's runs once the API has been unreachable past the limit. Reachability comes from our own
     * re-list (the probe) and from informer list errors: fabric8's watch manager retries a broken watch internally
     * and still reports it as watching, so {@code isWatching()} alone cannot tell.
     */
    private void checkHealth(NamespaceWatch watch, Instant now) {
        if (!watch.watching() && watch.unavailableSince == null && watch.synced()) {
            watch.unavailableSince = now;
        }
        if (watch.unavailableSince == null) {
            return;
        }
        Duration down = Duration.between(watch.unavailableSince, now);
        if (down.compareTo(settings.apiUnavailableLimit()) >= 0) {
            String message = "KubernetesUnavailable: the Kubernetes API has been unreachable for " + HumanDuration.format(down)
                    + " (limit " + HumanDuration.format(settings.apiUnavailableLimit()) + ") while watching namespace "
                    + watch.namespace + (watch.lastError.isEmpty() ? "" : "; last error: " + watch.lastError);
            for (List<TrackedRun> runs : List.copyOf(watch.runs.values())) {
                for (TrackedRun run : List.copyOf(runs)) {
                    finish(watch, run, new RunSnapshot(run.ref, run.lastJob, List.of(),
                            RunVerdict.failed("KubernetesUnavailable", message)));
                }
            }
        }
    }

    /**
     * Health probe: a one-item list of the namespace's Jobs. A failure marks the API unreachable since the probe
     * started (the client's own retries may take a while); a 401 gets a new client. A success ends an outage and
     * has every run looked at again. Missed deletions need no probe: the informers re-list after {@code 410 Gone}
     * and emit deletions for what vanished, and a Job missing from a synced cache is read directly
     * ({@link #lookUp}).
     */
    private void probe(NamespaceWatch watch) {
        if (watch.probeInFlight || watch.runs.isEmpty()) {
            return;
        }
        Instant started = now();
        watch.lastProbe = started;
        watch.probeInFlight = true;
        io.execute(() -> {
            Throwable failure = null;
            try {
                client().batch().v1().jobs().inNamespace(watch.namespace).withLabelSelector(JobLabels.SELECTOR)
                        .list(new ListOptionsBuilder().withLimit(1L).build());
            } catch (RuntimeException e) {
                failure = e;
            }
            Throwable error = failure;
            dispatch(() -> {
                watch.probeInFlight = false;
                if (error != null) {
                    watch.lastError = describe(error);
                    if (watch.unavailableSince == null || started.isBefore(watch.unavailableSince)) {
                        watch.unavailableSince = started;
                    }
                    LOG.log(Level.FINE, "probe of namespace " + watch.namespace + " failed", error);
                    if (isUnauthorized(error)) {
                        refreshClient();
                    }
                    return;
                }
                if (watch.unavailableSince != null) {
                    LOG.fine(() -> "Kubernetes API reachable again for namespace " + watch.namespace);
                    watch.unavailableSince = null;
                    watch.runs.keySet().forEach(watch::markDirty);
                }
            });
        });
    }

    // ---------------------------------------------------------------- errors and credentials

    private boolean onInformerError(NamespaceWatch watch, Throwable t) {
        watch.lastError = describe(t);
        Instant at = now();
        dispatch(() -> {
            if (watch.unavailableSince == null) {
                watch.unavailableSince = at;
            }
            if (isUnauthorized(t)) {
                refreshClient();
            }
        });
        LOG.log(Level.FINE, "informer error in namespace " + watch.namespace, t);
        return !closed; // keep retrying with the informer's own back-off
    }

    /** Expired credentials (EKS tokens last 15 minutes): get a new client and restart every informer with it. */
    private void refreshClient() {
        Instant now = now();
        if (closed || Duration.between(lastClientRefresh, now).compareTo(settings.clientRefreshMinInterval()) < 0) {
            return;
        }
        lastClientRefresh = now;
        LOG.info("Kubernetes API answered 401 Unauthorized; obtaining a new client");
        client = null;
        for (NamespaceWatch watch : namespaces.values()) {
            watch.stop();
            startInformers(watch);
            watch.runs.keySet().forEach(watch::markDirty);
        }
    }

    static boolean isUnauthorized(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof KubernetesClientException && ((KubernetesClientException) c).getCode() == 401) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (root != t && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg += " (" + root.getMessage() + ")";
        }
        return msg;
    }

    // ---------------------------------------------------------------- plumbing

    private KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = Objects.requireNonNull(clientSupplier.get(), "client supplier returned null");
                    client = c;
                }
            }
        }
        return c;
    }

    private void notify(TrackedRun run, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of run " + run.ref + " failed", e);
        }
    }

    private void dispatch(Runnable task) {
        if (closed) {
            return;
        }
        try {
            dispatcher.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "run tracker task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private <T> T callOnDispatcher(java.util.concurrent.Callable<T> call) {
        try {
            return dispatcher.submit(call).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("run tracker did not answer", e);
        }
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private static boolean isOurs(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && JobLabels.MANAGED_BY_VALUE.equals(labels.get(JobLabels.MANAGED_BY));
    }

    private static String fingerprint(Job job, List<Pod> pods, RunVerdict verdict) {
        StringBuilder sb = new StringBuilder(job.getMetadata().getResourceVersion()).append('|');
        for (Pod p : pods) {
            sb.append(p.getMetadata().getName()).append(':').append(p.getMetadata().getResourceVersion()).append(',');
        }
        return sb.append('|').append(verdict).toString();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
