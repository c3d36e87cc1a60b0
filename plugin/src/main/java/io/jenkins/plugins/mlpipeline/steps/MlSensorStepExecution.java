package io.jenkins.plugins.mlpipeline.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.cloud.CloudUnavailableException;
import io.jenkins.plugins.mlpipeline.cloud.NamespaceChoice;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.spec.DurationText;
import io.jenkins.plugins.mlpipeline.status.HumanDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one mlSensor step: follows an existing Job until it ends or the sensor's own deadline passes. The deadline
 * is wall-clock time persisted with the execution, so a restart does not extend it.
 */
public class MlSensorStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final String FUNCTION = "mlSensor";

    private final transient MlSensorStep step;
    private final boolean softFail;
    private final long deadlineEpochMillis;
    private final String timeoutText;
    private RunFollower follower;
    /** mlTrain's lineage keys when {@code run:} was the map it returned; plain values only. */
    private LinkedHashMap<String, Object> lineage = new LinkedHashMap<>();

    /** Who the background work runs as: the build's authentication, captured in start(); never persisted. */
    private transient volatile BuildAuth auth;
    private transient ScheduledFuture<?> deadlineTask;
    private transient boolean completed;

    MlSensorStepExecution(MlSensorStep step, StepContext context) {
        super(context);
        this.step = step;
        this.softFail = step.isSoftFail();
        this.timeoutText = step.getTimeout() == null ? MlSensorStep.DEFAULT_TIMEOUT : step.getTimeout();
        Duration timeout;
        try {
            timeout = DurationText.parse("timeout", timeoutText);
        } catch (IllegalArgumentException e) {
            timeout = null;
        }
        this.deadlineEpochMillis = timeout == null ? -1 : System.currentTimeMillis() + timeout.toMillis();
    }

    @Override
    public boolean start() throws Exception {
        if (deadlineEpochMillis < 0) {
            DurationText.parse("timeout", timeoutText); // throws the message naming the field
        }
        SensorTarget.of(step); // argument mistakes fail at once, before any I/O
        auth = BuildAuth.ofPipelineThread();
        StepServices.get().blocking().execute(auth.wrap(this::attach));
        return false;
    }

    private void attach() {
        StepServices services = StepServices.get();
        StepContext context = getContext();
        try {
            SensorTarget target = SensorTarget.of(step);
            Run<?, ?> run = context.get(Run.class);
            PipelineDefaults defaults = services.defaults().get();
            CloudAccess clouds = services.clouds();
            String cloud = clouds.resolveCloud(target.cloud() != null ? target.cloud() : defaults.defaultCloud(), run);
            String namespace = target.namespace() != null ? target.namespace()
                    : NamespaceChoice.choose(null, null, defaults.defaultNamespace(), clouds.cloudNamespace(cloud),
                            clients(clouds, cloud));
            follower = new RunFollower(cloud, new RunRef(namespace, target.name(), target.uid()), step.isFollowLogs());
            // A run launched with mlTrain(wait: false, outputs: ...) waits for someone to collect its outputs: the
            // sensor does, into its own build. Jobs without an output sidecar are unaffected.
            follower.collectOutputs(OutputArchiving.stagingDir(run, target.name()), defaults.outputLimits());
            lineage = lineageOf(step.getRun());
            context.get(TaskListener.class).getLogger().println("[ml] Waiting for Kubernetes Job " + follower.ref()
                    + " on cloud " + cloud + " (timeout " + timeoutText + ")");
            context.saveState();
            follow(services);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (AbortException e) {
            fail(e);
        } catch (IllegalArgumentException | IllegalStateException | CloudUnavailableException e) {
            fail(new AbortException(FUNCTION + ": " + e.getMessage()));
        } catch (KubernetesClientException e) {
            fail(new AbortException(FUNCTION + ": the Kubernetes API failed: " + e.getMessage()));
        } catch (Exception e) {
            fail(e);
        }
    }

    private static String clients(CloudAccess clouds, String cloud) {
        return clouds.client(cloud).getNamespace();
    }

    private void follow(StepServices services) throws Exception {
        RunFollower f = follower;
        BuildAuth buildAuth = auth();
        f.start(getContext(), services.engines().engine(f.cloud(), services.defaults().get()), services,
                buildAuth.wrap(this::finished));
        long delay = Math.max(0, deadlineEpochMillis - System.currentTimeMillis());
        Runnable timedOut = buildAuth.wrap(this::timedOut);
        deadlineTask = services.scheduler().schedule(() -> services.blocking().execute(timedOut), delay,
                TimeUnit.MILLISECONDS);
    }

    private void finished(RunResult result) {
        cancelDeadline();
        if (!claimCompletion()) {
            return;
        }
        Map<String, Object> map = RunMaps.withLineage(RunMaps.finished(follower.cloud(), result), lineage);
        if (result.outputs() != null) {
            try {
                OutputArchiving.archive(StepServices.get(), getContext(), follower, result, map);
                map.put("build", getContext().get(Run.class).getExternalizableId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                getContext().onFailure(e);
                return;
            } catch (Exception e) {
                getContext().onFailure(new AbortException(FUNCTION + ": the outputs of Kubernetes Job "
                        + result.ref() + " were collected but could not be archived: " + e));
                return;
            }
        }
        RunFollower.complete(getContext(), FUNCTION, result, map);
    }

    /** What mlTrain recorded about the run (image, params, ...), when the sensor was given its map. */
    private static LinkedHashMap<String, Object> lineageOf(Object run) {
        LinkedHashMap<String, Object> lineage = new LinkedHashMap<>();
        if (run instanceof Map<?, ?> map) {
            for (String key : RunMaps.LINEAGE_KEYS) {
                if (map.containsKey(key)) {
                    lineage.put(key, PlainValues.plain(map.get(key)));
                }
            }
        }
        return lineage;
    }

    /** The sensor's deadline passed: stop watching (the Job keeps running) and fail, or warn with softFail. */
    private void timedOut() {
        RunFollower f = follower;
        if (!claimCompletion()) {
            return;
        }
        f.close();
        String message = FUNCTION + ": gave up waiting for Kubernetes Job " + f.ref() + " after " + timeoutText
                + "; it is still " + f.lastVerdict().phase().name().toLowerCase(java.util.Locale.ROOT)
                + " and keeps running (delete it with kubectl if it should stop)";
        StepContext context = getContext();
        if (softFail) {
            try {
                context.get(TaskListener.class).getLogger().println("[ml] " + message + "; marking the build UNSTABLE"
                        + " (softFail)");
            } catch (Exception e) {
                // no log to write to
            }
            context.setResult(Result.UNSTABLE);
            context.onSuccess(RunMaps.unfinished(f.cloud(), f.ref(), f.lastVerdict(), f.metrics().latest()));
        } else {
            context.onFailure(new AbortException(message));
        }
    }

    @Override
    public void onResume() {
        StepServices services = StepServices.get();
        services.blocking().execute(auth().wrap(() -> {
            if (follower == null) {
                fail(new AbortException(FUNCTION + ": Jenkins restarted before the sensor attached to its Job; run"
                        + " the build again"));
                return;
            }
            try {
                getContext().get(TaskListener.class).getLogger().println("[ml] Resuming: waiting for Kubernetes Job "
                        + follower.ref() + " again");
                follow(services);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (Exception e) {
                fail(e);
            }
        }));
    }

    /**
     * The build is being aborted: stop watching and pass the cause on. The Job is left alone, since a sensor may
     * watch a Job this build does not own.
     */
    @Override
    public void stop(Throwable cause) {
        StepServices.get().blocking().execute(auth().wrap(() -> {
            cancelDeadline();
            RunFollower f = follower;
            if (f != null) {
                f.close();
                try {
                    getContext().get(TaskListener.class).getLogger().println("[ml] Stopped waiting for Kubernetes Job "
                            + f.ref() + "; the Job itself keeps running");
                } catch (Exception e) {
                    // no log to write to
                }
            }
            fail(cause);
        }));
    }

    /** The build's authentication from start(), or SYSTEM once restored after a restart (BuildAuth.afterRestart). */
    private BuildAuth auth() {
        return BuildAuth.orAfterRestart(auth);
    }

    @Override
    public String getStatus() {
        RunFollower f = follower;
        if (f == null) {
            return "looking up the Kubernetes Job to wait for";
        }
        long left = deadlineEpochMillis - System.currentTimeMillis();
        return f.describe() + "; giving up in " + HumanDuration.format(Duration.ofMillis(Math.max(0, left)));
    }

    private void cancelDeadline() {
        ScheduledFuture<?> t = deadlineTask;
        if (t != null) {
            t.cancel(false);
        }
    }

    private synchronized boolean claimCompletion() {
        if (completed) {
            return false;
        }
        completed = true;
        return true;
    }

    private void fail(Throwable t) {
        if (claimCompletion()) {
            getContext().onFailure(t);
        }
    }
}
