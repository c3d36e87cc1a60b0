package io.jenkins.plugins.mlpipeline.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.action.MlRunsAction;
import io.jenkins.plugins.mlpipeline.engine.OutputRequest;
import io.jenkins.plugins.mlpipeline.engine.RunFollow;
import io.jenkins.plugins.mlpipeline.engine.RunObserver;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.engine.TrainingEngine;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Follows one Kubernetes Job for a step execution (mlTrain and mlSensor both own one): streams its log into the
 * build log, keeps the run's row on the build page current, persists where the log stands, and reports the
 * result. Its serialized state is only names and offsets (cloud, Job, log position, metrics); the engine and the
 * follow are re-obtained after a controller restart.
 */
final class RunFollower implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RunFollower.class.getName());

    private final String cloud;
    private final RunRef ref;
    private final boolean containerLog;
    private LogPosition position = LogPosition.START;
    private MetricsSnapshot metrics = MetricsSnapshot.empty();
    /** Where the run's outputs are collected to (a directory of the build), or null: no outputs asked for. */
    private String outputsDir;
    private long outputsMaxBytes;
    private int outputsMaxFiles;
    /** Not persisted: the engine reports the state again as soon as it re-attaches. */
    private transient volatile RunVerdict lastVerdict;

    private transient volatile RunFollow follow;
    private transient volatile ScheduledFuture<?> checkpoints;

    /**
     * @param containerLog whether the container's own lines go to the build log; engine notices ({@code [ml] ...})
     *                     always do
     */
    RunFollower(String cloud, RunRef ref, boolean containerLog) {
        this.cloud = cloud;
        this.ref = ref;
        this.containerLog = containerLog;
    }

    String cloud() {
        return cloud;
    }

    /** Collect the run's outputs into {@code dir} (before {@link #start}). */
    void collectOutputs(File dir, OutputLimits limits) {
        this.outputsDir = dir.getAbsolutePath();
        this.outputsMaxBytes = limits.maxBytes();
        this.outputsMaxFiles = limits.maxFiles();
    }

    /** The directory outputs are collected to, or null. */
    Path outputsPath() {
        return outputsDir == null ? null : Path.of(outputsDir);
    }

    private OutputRequest outputRequest() {
        return outputsDir == null ? null
                : new OutputRequest(Path.of(outputsDir), new OutputLimits(outputsMaxBytes, outputsMaxFiles));
    }

    RunRef ref() {
        RunFollow f = follow;
        return f == null ? ref : f.ref();
    }

    RunVerdict lastVerdict() {
        RunVerdict v = lastVerdict;
        return v == null ? RunVerdict.pending("Attaching", "attaching to the Kubernetes Job") : v;
    }

    MetricsSnapshot metrics() {
        RunFollow f = follow;
        return f == null ? metrics : f.metrics();
    }

    /** What the step waits for, for the Pipeline's thread dump. */
    String describe() {
        RunVerdict v = lastVerdict();
        String state = v.phase().name().toLowerCase(java.util.Locale.ROOT);
        String detail = v.message().isBlank() ? v.reason() : v.message();
        int newline = detail.indexOf('\n');
        detail = newline < 0 ? detail : detail.substring(0, newline);
        return "waiting for Kubernetes Job " + ref() + " (" + state + (detail.isBlank() ? "" : ": " + detail) + ")";
    }

    /**
     * Starts (or, after a restart, resumes) following from the persisted position. {@code onFinished} is called
     * once with the result, on an engine thread.
     */
    void start(StepContext context, TrainingEngine engine, StepServices services, Consumer<RunResult> onFinished)
            throws IOException, InterruptedException {
        TaskListener listener = context.get(TaskListener.class);
        Run<?, ?> run = context.get(Run.class);
        PrintStream out = listener.getLogger();
        follow = engine.follow(ref, position, metrics, outputRequest(), new RunObserver() {
            @Override
            public void log(String line) {
                if (containerLog || line.startsWith("[ml]")) {
                    out.println(line);
                }
            }

            @Override
            public void status(RunVerdict verdict) {
                lastVerdict = verdict;
                record(run, ref(), verdict, metrics().latest());
            }

            @Override
            public void finished(RunResult result) {
                stopCheckpoints();
                RunFollow f = follow;
                if (f != null) {
                    position = f.position();
                }
                metrics = result.metrics();
                lastVerdict = result.verdict();
                record(run, result.ref(), result.verdict(), result.metrics().latest());
                services.blocking().execute(() -> saveBuild(run));
                onFinished.accept(result);
            }
        });
        long every = services.checkpointEvery().toMillis();
        checkpoints = services.scheduler().scheduleWithFixedDelay(() -> checkpoint(context), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Call before deleting the Job for an aborted build, so the engine does not report it as cancelled remotely. */
    void markCancelledByJenkins() {
        RunFollow f = follow;
        if (f != null) {
            f.markCancelledByJenkins();
        }
    }

    /** Stops following; the Job is not touched. */
    void close() {
        stopCheckpoints();
        RunFollow f = follow;
        if (f != null) {
            f.close();
            position = f.position();
            metrics = f.metrics();
        }
    }

    void record(Run<?, ?> run, RunRef r, RunVerdict verdict, Map<String, Double> latest) {
        MlRunsAction.of(run).update(cloud, r.namespace(), r.name(), r.uid(), verdict.phase().name(), verdict.reason(),
                verdict.message(), latest);
    }

    /** Persists the log position and metrics when they moved, so a restart repeats as little as possible. */
    private void checkpoint(StepContext context) {
        RunFollow f = follow;
        if (f == null) {
            return;
        }
        LogPosition now = f.position();
        if (!now.equals(position)) {
            position = now;
            metrics = f.metrics();
            try {
                context.saveState();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not save the state of the step following " + ref, e);
            }
        }
    }

    private void stopCheckpoints() {
        ScheduledFuture<?> c = checkpoints;
        if (c != null) {
            c.cancel(false);
        }
    }

    /** Java serialization and Jenkins' program.dat: take the live position, which is what the log shows. */
    private void writeObject(ObjectOutputStream out) throws IOException {
        RunFollow f = follow;
        if (f != null) {
            position = f.position();
            metrics = f.metrics();
        }
        out.defaultWriteObject();
    }

    private static void saveBuild(Run<?, ?> run) {
        try {
            run.save();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not save the ML runs of " + run, e);
        }
    }

    /**
     * Completes a step with a finished run: the map on success, a clean failure (no stack trace) on a remote
     * failure, an abort when someone else stopped the Job.
     */
    static void complete(StepContext context, String function, RunResult result, Map<String, Object> map) {
        RunVerdict verdict = result.verdict();
        switch (verdict.phase()) {
            case SUCCEEDED -> context.onSuccess(map);
            case CANCELLED -> context.onFailure(new FlowInterruptedException(Result.ABORTED, false,
                    new RemoteRunCancelled(result.ref().toString(), verdict.reason(), verdict.message())));
            default -> context.onFailure(new AbortException(function + ": Kubernetes Job " + result.ref()
                    + " failed" + (verdict.reason().isBlank() ? "" : " (" + verdict.reason() + ")") + ": "
                    + verdict.message()));
        }
    }
}
