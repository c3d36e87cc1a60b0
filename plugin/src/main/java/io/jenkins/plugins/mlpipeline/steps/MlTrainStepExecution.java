package io.jenkins.plugins.mlpipeline.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.action.MlRunsAction;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.cloud.NamespaceChoice;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.engine.TrainingEngine;
import io.jenkins.plugins.mlpipeline.launch.JobCanceller;
import io.jenkins.plugins.mlpipeline.launch.LaunchFailures;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.render.JobNames;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.AllowedImages;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one mlTrain step: launches the Job off the Pipeline thread, then follows it until it ends. Persisted state
 * is the cloud name, the run identity and the {@link RunFollower}'s names and offsets; a restarted controller
 * re-obtains the engine and carries on from there.
 */
public class MlTrainStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final String FUNCTION = "mlTrain";

    /** The arguments are only needed to launch; a resumed execution never launches again. */
    private final transient MlTrainStep step;
    private final boolean wait;
    private String identity;
    private RunFollower follower;
    private boolean launched;

    private transient boolean launching;
    private transient Throwable stopCause;
    private transient boolean completed;

    MlTrainStepExecution(MlTrainStep step, StepContext context) {
        super(context);
        this.step = step;
        this.wait = step.isWait();
    }

    @Override
    public boolean start() throws Exception {
        // No I/O here: this runs on the Pipeline thread. The launch number comes from the build's own action,
        // which only this thread touches while steps start.
        Run<?, ?> run = getContext().get(Run.class);
        identity = run.getExternalizableId() + "/ml-" + MlRunsAction.of(run).nextLaunchNumber();
        synchronized (this) {
            launching = true;
        }
        StepServices.get().blocking().execute(this::launchAndFollow);
        return false;
    }

    private void launchAndFollow() {
        StepServices services = StepServices.get();
        StepContext context = getContext();
        TrainingEngine engine = null;
        try {
            TaskListener listener = context.get(TaskListener.class);
            Run<?, ?> run = context.get(Run.class);
            PipelineDefaults defaults = services.defaults().get();
            CloudAccess clouds = services.clouds();
            String cloud = clouds.resolveCloud(step.getCloud() != null ? step.getCloud() : defaults.defaultCloud(), run);
            CloudAccess.PodTemplateInfo template = step.getPodTemplate() == null ? null
                    : clouds.podTemplate(cloud, step.getPodTemplate());
            String namespace = NamespaceChoice.choose(step.getNamespace(), template == null ? null
                    : template.namespace(), defaults.defaultNamespace(), clouds.cloudNamespace(cloud),
                    clouds.client(cloud).getNamespace());
            AllowedImages.of(defaults.allowedImages()).check(step.getImage());
            TrainingSpec spec = SpecTranslator.translate(step, defaults.defaultTimeout(),
                    template == null ? null : template.yaml(), defaults.restrictedPodSecurity());
            // The step's own environment: env.GIT_COMMIT as the Jenkinsfile sees it (declarative sets it on checkout).
            EnvVars env = context.get(EnvVars.class);
            RunIdentity runIdentity = RunIdentity.of(identity, services.buildUrl().apply(run),
                    env == null ? null : env.get("GIT_COMMIT"));
            engine = services.engines().engine(cloud, defaults);

            // Persist the Job's name before creating it: a restart in between then finds the Job by name.
            follower = new RunFollower(cloud, new RunRef(namespace, JobNames.jobName(runIdentity,
                    spec.getName().orElse(null)), null), !step.isQuiet());
            context.saveState();
            LaunchResult result = launchWithRetries(engine, spec, runIdentity, namespace, services, listener);
            follower = new RunFollower(cloud, result.ref(), !step.isQuiet());
            launched = true;
            listener.getLogger().println("[ml] " + (result.adopted() ? "Adopted existing" : "Created") + " Kubernetes Job "
                    + result.ref() + " (uid " + result.ref().uid() + ") on cloud " + cloud
                    + "; timeout " + spec.getDeadline().map(Duration::toString).orElse("none"));
            follower.record(run, result.ref(), RunVerdict.pending("Created", ""), Map.of());
            context.saveState();
            if (stopRequested()) {
                return; // the finally block deletes the Job
            }
            if (!wait) {
                if (claimCompletion()) {
                    context.onSuccess(RunMaps.unfinished(cloud, result.ref(),
                            RunVerdict.pending("Created", "launched; follow it with mlSensor"), Map.of()));
                }
                return;
            }
            follower.start(context, engine, services, this::finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (AbortException e) {
            fail(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Spec problems, policy refusals and launch refusals: the message says what to fix, no stack trace.
            fail(new AbortException(FUNCTION + ": " + e.getMessage()));
        } catch (Exception | Error e) {
            fail(e);
        } finally {
            // stop() leaves the clean-up to this thread while the launch is under way.
            boolean stopNow;
            synchronized (this) {
                launching = false;
                stopNow = stopCause != null && !completed;
            }
            if (stopNow && launched && engine != null) {
                cancelAndFail(engine);
            } else if (stopNow) {
                fail(stopCause);
            }
        }
    }

    private LaunchResult launchWithRetries(TrainingEngine engine, TrainingSpec spec, RunIdentity runIdentity,
            String namespace, StepServices services, TaskListener listener) throws InterruptedException {
        long giveUp = System.nanoTime() + services.launchRetryLimit().toNanos();
        long backoffMillis = 500;
        while (true) {
            try {
                return engine.launch(spec, runIdentity, namespace);
            } catch (RuntimeException e) {
                // The launch is idempotent (it adopts the Job this identity created), so retrying an outage is safe.
                if (!LaunchFailures.isTransient(e) || System.nanoTime() > giveUp || stopRequested()) {
                    throw e;
                }
                listener.getLogger().println("[ml] Kubernetes API unavailable (" + e.getMessage() + "); retrying in "
                        + backoffMillis + " ms");
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    private void finished(RunResult result) {
        if (stopRequested() || !claimCompletion()) {
            return;
        }
        RunFollower.complete(getContext(), FUNCTION, result, RunMaps.finished(follower.cloud(), result));
    }

    @Override
    public void onResume() {
        StepServices services = StepServices.get();
        services.blocking().execute(() -> {
            RunFollower f = follower;
            if (f == null) {
                fail(new AbortException(FUNCTION + ": Jenkins restarted before the Kubernetes Job was named; no Job"
                        + " was created. Run the build again."));
                return;
            }
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                listener.getLogger().println("[ml] Resuming: following Kubernetes Job " + f.ref() + " again");
                f.start(getContext(), services.engines().engine(f.cloud(), services.defaults().get()), services,
                        this::finished);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (Exception e) {
                fail(e);
            }
        });
    }

    /**
     * The build is being aborted: delete the Job (foreground, so no pod keeps training), say so in the log, then
     * pass the cause on. Off the Pipeline thread; if the launch is still under way, it does this when it ends.
     */
    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            if (completed || stopCause != null) {
                return;
            }
            stopCause = cause;
            if (launching) {
                return;
            }
        }
        StepServices services = StepServices.get();
        services.blocking().execute(() -> {
            RunFollower f = follower;
            if (f == null) {
                fail(cause);
                return;
            }
            cancelAndFail(services.engines().engine(f.cloud(), services.defaults().get()));
        });
    }

    private void cancelAndFail(TrainingEngine engine) {
        RunFollower f = follower;
        Throwable cause;
        synchronized (this) {
            cause = stopCause;
        }
        try {
            f.markCancelledByJenkins();
            JobCanceller.CancelResult cancelled = engine.cancel(f.ref());
            log("[ml] " + cancelled.describe() + " because the build was aborted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log("[ml] Could not delete Kubernetes Job " + f.ref() + ": " + e.getMessage()
                    + "; delete it with kubectl delete job -n " + f.ref().namespace() + " " + f.ref().name());
        } finally {
            f.close();
            fail(cause);
        }
    }

    @Override
    public String getStatus() {
        RunFollower f = follower;
        if (stopCause != null) {
            return "deleting the Kubernetes Job because the build was aborted";
        }
        if (f == null || !launched) {
            return "launching a Kubernetes Job for " + identity;
        }
        return f.describe();
    }

    private synchronized boolean stopRequested() {
        return stopCause != null;
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

    private void log(String line) {
        try {
            getContext().get(TaskListener.class).getLogger().println(line);
        } catch (Exception e) {
            // The build log is gone; nothing else to tell.
        }
    }
}
