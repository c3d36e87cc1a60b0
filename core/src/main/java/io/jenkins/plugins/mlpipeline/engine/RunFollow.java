package io.jenkins.plugins.mlpipeline.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.JobPods;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.launch.JobCanceller;
import io.jenkins.plugins.mlpipeline.launch.JobFinalizers;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.logs.PodLogSource;
import io.jenkins.plugins.mlpipeline.logs.RunLogFollower;
import io.jenkins.plugins.mlpipeline.metrics.MetricsParser;
import io.jenkins.plugins.mlpipeline.metrics.MetricsRecorder;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.outputs.CollectedOutputs;
import io.jenkins.plugins.mlpipeline.status.PodStates;
import io.jenkins.plugins.mlpipeline.status.RunClassifier;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import io.jenkins.plugins.mlpipeline.status.WaitingClocks;
import io.jenkins.plugins.mlpipeline.track.RunListener;
import io.jenkins.plugins.mlpipeline.track.RunSnapshot;
import io.jenkins.plugins.mlpipeline.track.RunSubscription;
import io.jenkins.plugins.mlpipeline.track.RunTracker;
import io.jenkins.plugins.mlpipeline.track.WarningEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One followed run: ties the tracker's state, the log follower and the metrics together and reports to a
 * {@link RunObserver}. Created by {@link TrainingEngine#follow}.
 */
public final class RunFollow implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunFollow.class.getName());
    /** Failures where the container's own last words explain the most. */
    private static final Set<String> QUOTE_LOG_FOR = Set.of("Error", "OOMKilled", "DeadlineExceeded", "Evicted",
            "Preempted", "NodeLost", "Tainted", "PodFailurePolicy", "BackoffLimitExceeded");

    private final RunRef initialRef;
    private final RunObserver observer;
    private final EngineSettings settings;
    private final Executor finishers;
    private final Supplier<KubernetesClient> clients;
    private final RunClassifier classifier;
    private final Consumer<RunFollow> onDone;
    private final MetricsParser parser = new MetricsParser();
    private final MetricsRecorder metrics;
    private final RunLogFollower logs;
    private final Object logLock = new Object();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile RunVerdict lastVerdict = RunVerdict.pending("Attaching", "attaching to the Kubernetes Job");
    private volatile RunSubscription subscription;
    private volatile RunSnapshot lastSnapshot;
    private final OutputCollection outputs;

    RunFollow(RunRef ref, LogPosition from, MetricsSnapshot metricsSoFar, OutputRequest outputRequest,
              RunObserver observer, EngineSettings settings, PodLogSource logSource, Executor logReaders,
              Executor finishers, Supplier<KubernetesClient> clients, Consumer<RunFollow> onDone) {
        this.initialRef = Objects.requireNonNull(ref, "ref");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.settings = settings;
        this.finishers = finishers;
        this.clients = clients;
        this.onDone = onDone;
        this.metrics = MetricsRecorder.resumeFrom(metricsSoFar);
        this.classifier = new RunClassifier(settings.tracker().classifier());
        this.logs = new RunLogFollower(logSource, ref.namespace(), JobLabels.MAIN_CONTAINER, from, this::containerLine,
                logReaders, settings.logs());
        this.outputs = outputRequest == null ? null
                : new OutputCollection(ref, outputRequest, clients, finishers, this::emit, this::outputsStuck,
                        () -> logs.awaitDrained(settings.logDrainWait()));
    }

    void start(RunTracker tracker) {
        subscription = tracker.track(initialRef, new RunListener() {
            @Override
            public void onChange(RunSnapshot snapshot) {
                lastSnapshot = snapshot;
                logs.onPodsChanged(snapshot.pods());
                if (outputs != null) {
                    outputs.onPods(snapshot.pods());
                }
                RunVerdict v = snapshot.verdict();
                if (!v.equals(lastVerdict)) {
                    lastVerdict = v;
                    try {
                        observer.status(v);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "observer of " + initialRef + " failed", e);
                    }
                }
            }

            @Override
            public void onWarning(WarningEvent event) {
                emit(event.toLogLine());
            }

            @Override
            public void onFinished(RunSnapshot snapshot) {
                finishers.execute(() -> finish(snapshot));
            }
        });
    }

    /** Where the log stands: persist it to resume after a controller restart. */
    public LogPosition position() {
        return logs.position();
    }

    public RunVerdict lastVerdict() {
        return lastVerdict;
    }

    /** Metrics so far: persist them with {@link #position()} to carry on after a controller restart. */
    public MetricsSnapshot metrics() {
        return metrics.snapshot();
    }

    public RunRef ref() {
        RunSubscription s = subscription;
        return s == null ? initialRef : s.ref();
    }

    /** Call before deleting the Job for an aborted build, so the deletion is not reported as someone else's. */
    public void markCancelledByJenkins() {
        RunSubscription s = subscription;
        if (s != null) {
            s.markCancelledByJenkins();
        }
    }

    /** Stops following without touching the Job (e.g. the build is being torn down or the engine restarts). */
    @Override
    public void close() {
        RunSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        logs.close();
        onDone.accept(this);
    }

    private void containerLine(String line) {
        parser.parse(line).ifPresent(metrics::record);
        emit(line);
    }

    private void emit(String line) {
        synchronized (logLock) {
            try {
                observer.log(line);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "observer of " + initialRef + " failed", e);
            }
        }
    }

    /** The output sidecar cannot be released: end the run now and delete its Job rather than wait for its deadline. */
    private void outputsStuck(OutputCollection.Outcome.Failed problem) {
        RunSnapshot snapshot = lastSnapshot;
        if (snapshot != null) {
            finishers.execute(() -> finish(snapshot, problem));
        }
    }

    private void finish(RunSnapshot snapshot) {
        finish(snapshot, null);
    }

    private void finish(RunSnapshot snapshot, OutputCollection.Outcome.Failed stuck) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        RunVerdict verdict = stuck == null ? snapshot.verdict()
                : RunVerdict.failedAndDelete(stuck.reason(), stuck.message());
        CollectedOutputs collected = null;
        List<Pod> pods = snapshot.pods();
        try {
            // The Job informer can be ahead of the Pod informer (a short run may finish before its pods are in the
            // cache): read the pods directly once, so no attempt's log is missed.
            List<Pod> fresh = currentPods(snapshot, pods);
            if (fresh != pods && snapshot.job() != null && stuck == null
                    && (verdict.phase() == RunPhase.FAILED || verdict.phase() == RunPhase.SUCCEEDED)) {
                // The failed pod the verdict should name may be one the cache has not seen yet, or not in its final
                // state: the Job informer can be ahead of the Pod informer.
                RunVerdict again = classifier.classify(snapshot.job(), fresh, new WaitingClocks(), Instant.now());
                if (again.isFinal()) {
                    verdict = again;
                }
            }
            pods = fresh;
            logs.onPodsChanged(pods);
            // A cancelled run's pods are being deleted: their logs are going, and waiting for them only delays the
            // abort. Otherwise the last lines make the failure message worth reading.
            if (verdict.phase() != RunPhase.CANCELLED && !logs.awaitDrained(settings.logDrainWait())) {
                emit("[ml] the last log lines did not arrive within " + settings.logDrainWait().toSeconds() + "s");
            }
            logs.close();
            verdict = withLogTail(verdict);
            if (outputs != null && verdict.phase() != RunPhase.CANCELLED && outputs.expected(pods)) {
                OutputVerdict decided = OutputVerdict.decide(verdict, outputs.outcome(OutputCollection.FINISH_WAIT));
                verdict = decided.verdict();
                collected = decided.outputs();
            }
            KubernetesClient client = clients.get();
            if (stuck != null && verdict.phase() == RunPhase.SUCCEEDED) {
                // The outputs are safe; only the sidecar would not stop.
                JobCanceller.CancelResult cancel = new JobCanceller(client).cancel(snapshot.ref(), Duration.ZERO);
                emit("[ml] " + cancel.describe() + ": " + stuck.message());
            } else if (verdict.deleteJob()) {
                JobCanceller.CancelResult cancel = new JobCanceller(client).cancel(snapshot.ref(), Duration.ZERO);
                emit("[ml] " + cancel.describe() + " because it could not succeed (" + verdict.reason() + ")");
            } else if (verdict.phase() != RunPhase.CANCELLED || snapshot.job() != null) {
                JobFinalizers.release(client, snapshot.ref());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The outcome is known; a finalizer left behind only delays clean-up (see docs/architecture.md).
            LOG.log(Level.WARNING, "clean-up after run " + snapshot.ref() + " failed", e);
            emit("[ml] clean-up of Job " + snapshot.ref() + " failed: " + e.getMessage());
        }
        lastVerdict = verdict;
        RunResult result = new RunResult(snapshot.ref(), verdict, metrics.snapshot(), imageDigest(pods),
                startTime(snapshot.job()), endTime(snapshot.job()),
                snapshot.job() == null ? pods.size() : RunClassifier.attempts(snapshot.job(), pods), collected);
        onDone.accept(this);
        try {
            observer.finished(result);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "observer of " + snapshot.ref() + " failed", e);
        }
    }

    /** The pods as the API server has them now, plus any the cache knew that are gone already (GC). */
    private List<Pod> currentPods(RunSnapshot snapshot, List<Pod> cached) {
        if (snapshot.job() == null) {
            return cached;
        }
        try {
            Map<String, Pod> byName = new LinkedHashMap<>();
            cached.forEach(p -> byName.put(p.getMetadata().getName(), p));
            JobPods.list(clients.get(), snapshot.ref().namespace(), snapshot.ref().name(),
                    snapshot.job().getMetadata().getUid()).forEach(p -> byName.put(p.getMetadata().getName(), p));
            List<Pod> merged = new ArrayList<>(byName.values());
            merged.sort(PodStates.BY_CREATION);
            return merged;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "listing pods of " + snapshot.ref() + " failed", e);
            return cached;
        }
    }

    private RunVerdict withLogTail(RunVerdict verdict) {
        if (verdict.phase() != RunPhase.FAILED || !QUOTE_LOG_FOR.contains(verdict.reason())) {
            return verdict;
        }
        List<String> tail = logs.tail();
        int n = Math.min(settings.failureTailLines(), tail.size());
        if (n == 0) {
            return verdict;
        }
        StringBuilder sb = new StringBuilder(verdict.message()).append("\nLast ").append(n).append(" log line")
                .append(n == 1 ? "" : "s").append(':');
        for (String line : tail.subList(tail.size() - n, tail.size())) {
            sb.append("\n  ").append(line);
        }
        return new RunVerdict(verdict.phase(), verdict.reason(), sb.toString(), verdict.deleteJob());
    }

    private static String imageDigest(List<Pod> pods) {
        for (int i = pods.size() - 1; i >= 0; i--) {
            Optional<String> id = PodStates.mainImageId(pods.get(i));
            if (id.isPresent()) {
                return id.get();
            }
        }
        return null;
    }

    private static Instant startTime(Job job) {
        return job == null || job.getStatus() == null ? null : parse(job.getStatus().getStartTime());
    }

    private static Instant endTime(Job job) {
        if (job == null || job.getStatus() == null) {
            return null;
        }
        if (job.getStatus().getCompletionTime() != null) {
            return parse(job.getStatus().getCompletionTime());
        }
        List<JobCondition> conditions = job.getStatus().getConditions();
        if (conditions != null) {
            for (JobCondition c : conditions) {
                if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                    return parse(c.getLastTransitionTime());
                }
            }
        }
        return null;
    }

    private static Instant parse(String t) {
        try {
            return t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
