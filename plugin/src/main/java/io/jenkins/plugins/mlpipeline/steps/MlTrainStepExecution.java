package io.jenkins.plugins.mlpipeline.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.action.MlRunsAction;
import io.jenkins.plugins.mlpipeline.cache.CacheEntry;
import io.jenkins.plugins.mlpipeline.cache.CacheInputs;
import io.jenkins.plugins.mlpipeline.cache.CacheKey;
import io.jenkins.plugins.mlpipeline.cache.RunCache;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.cloud.CloudUnavailableException;
import io.jenkins.plugins.mlpipeline.cloud.NamespaceChoice;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.engine.TrainingEngine;
import io.jenkins.plugins.mlpipeline.launch.JobCanceller;
import io.jenkins.plugins.mlpipeline.launch.LaunchException;
import io.jenkins.plugins.mlpipeline.launch.LaunchFailures;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.render.JobNames;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.AllowedImages;
import io.jenkins.plugins.mlpipeline.spec.PodYamlLayers;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** What the returned map says about the run beyond the Job (RunMaps.LINEAGE_KEYS): plain values only. */
    private LinkedHashMap<String, Object> lineage = new LinkedHashMap<>();
    /** This run owns its cache key: on success it stores the result, otherwise it lets waiting runs go. */
    private RunCache.Claim.Owner cacheOwner;

    /** Who the background work runs as: the build's authentication, captured in start(); never persisted. */
    private transient volatile BuildAuth auth;
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
        auth = BuildAuth.ofPipelineThread();
        StepServices.get().blocking().execute(auth.wrap(this::launchAndFollow));
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
            AllowedImages allowed = AllowedImages.of(defaults.allowedImages());
            allowed.check(step.getImage());
            if (step.getOutputs() != null) {
                allowed.check(defaults.outputsImage());
            }
            for (String image : PodYamlLayers.images(step.getPodYaml())) {
                allowed.check(image); // containers podYaml adds are held to the same policy
            }
            TrainingSpec spec = SpecTranslator.translate(step, defaults.defaultTimeout(),
                    template == null ? null : template.yaml(), defaults.restrictedPodSecurity(),
                    defaults.outputsImage());
            // The step's own environment: env.GIT_COMMIT as the Jenkinsfile sees it (declarative sets it on checkout).
            EnvVars env = context.get(EnvVars.class);
            RunIdentity runIdentity = RunIdentity.of(identity, services.buildUrl().apply(run),
                    env == null ? null : env.get("GIT_COMMIT"));
            engine = services.engines().engine(cloud, defaults);
            lineage = lineage(run, runIdentity);
            if (step.isCache()) {
                String key = CacheKey.of(CacheInputs.from(spec, step.getInputs() == null ? Map.of() : step.getInputs(),
                        step.getCacheVersion()));
                lineage.put("cacheKey", key);
                Map<String, Object> hit = claimCache(services, key, run, listener);
                if (hit != null) {
                    if (claimCompletion()) {
                        context.onSuccess(hit);
                    }
                    return;
                }
                if (stopRequested()) {
                    return; // aborted while waiting for an identical run: the finally block reports it
                }
            }

            // Persist the Job's name before creating it: a restart in between then finds the Job by name.
            String jobName = JobNames.jobName(runIdentity, spec.getName().orElse(null));
            follower = newFollower(cloud, new RunRef(namespace, jobName, null), run, defaults);
            context.saveState();
            LaunchResult result = launchWithRetries(engine, spec, runIdentity, namespace, services, listener);
            follower = newFollower(cloud, result.ref(), run, defaults);
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
                // A detached run's outcome is not seen here, so it cannot be cached; identical runs go ahead.
                abandonCache();
                if (claimCompletion()) {
                    context.onSuccess(RunMaps.withLineage(RunMaps.unfinished(cloud, result.ref(),
                            RunVerdict.pending("Created", "launched; follow it with mlSensor"), Map.of()), lineage));
                }
                return;
            }
            follower.start(context, engine, services, auth().wrap(this::finished));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (AbortException e) {
            fail(e);
        } catch (IllegalArgumentException | IllegalStateException | LaunchException | CloudUnavailableException e) {
            // Spec problems, policy refusals and launch refusals: the message says what to fix, no stack trace.
            fail(new AbortException(FUNCTION + ": " + e.getMessage()));
        } catch (KubernetesClientException e) {
            fail(new AbortException(FUNCTION + ": the Kubernetes API failed: " + e.getMessage()));
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

    /**
     * The cached result for {@code key}, or null when this run is to train (it then owns the key). While an
     * identical run is in progress, waits for it, on this step thread and no agent, checking for an abort.
     */
    private Map<String, Object> claimCache(StepServices services, String key, Run<?, ?> run, TaskListener listener)
            throws IOException, InterruptedException {
        RunCache cache = CachedRuns.cache(services);
        boolean told = false;
        while (!stopRequested()) {
            RunCache.Claim claim = cache.claim(key, id -> CachedRuns.buildExists(services, id));
            cache.lastProblem().ifPresent(problem -> listener.getLogger().println("[ml] run cache: " + problem));
            if (claim instanceof RunCache.Claim.Hit hit) {
                if (!CachedRuns.readable(services, hit.entry().buildId())) {
                    listener.getLogger().println("[ml] cache hit (key " + key.substring(0, 12) + ") in build "
                            + hit.entry().buildId() + ", which this build may not read; training instead");
                    return null;
                }
                Map<String, Object> map = CachedRuns.reuse(services, run, listener, hit.entry());
                map.put("cacheKey", key);
                return map;
            }
            if (claim instanceof RunCache.Claim.Owner owner) {
                cacheOwner = owner;
                listener.getLogger().println("[ml] cache miss (key " + key.substring(0, 12) + "): training");
                return null;
            }
            RunCache.Claim.Wait waiting = (RunCache.Claim.Wait) claim;
            if (!told) {
                listener.getLogger().println("[ml] an identical run is in progress (cache key " + key.substring(0, 12)
                        + "); waiting for its result");
                told = true;
            }
            while (!waiting.released().isDone() && !stopRequested()) {
                try {
                    waiting.released().get(1, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // keep checking for an abort
                }
            }
        }
        return null;
    }

    private void completeCache(RunResult result, Map<String, Object> map) {
        RunCache.Claim.Owner owner = cacheOwner;
        if (owner == null) {
            return;
        }
        cacheOwner = null;
        StepServices services = StepServices.get();
        try {
            if (result.verdict().phase() == RunPhase.SUCCEEDED) {
                CachedRuns.cache(services).complete(owner, new CacheEntry(owner.key(), String.valueOf(map.get("build")),
                        map, Instant.now().toString()));
            } else {
                CachedRuns.cache(services).abandon(owner);
            }
        } catch (IOException | RuntimeException e) {
            log("[ml] could not record the run in the run cache: " + e.getMessage());
        }
    }

    private void abandonCache() {
        RunCache.Claim.Owner owner = cacheOwner;
        if (owner != null) {
            cacheOwner = null;
            CachedRuns.cache(StepServices.get()).abandon(owner);
        }
    }

    private LinkedHashMap<String, Object> lineage(Run<?, ?> run, RunIdentity runIdentity) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("build", run.getExternalizableId());
        map.put("image", step.getImage());
        map.put("params", step.getParams() == null ? new LinkedHashMap<>() : step.getParams());
        map.put("inputs", step.getInputs() == null ? new LinkedHashMap<>() : step.getInputs());
        map.put("gitCommit", runIdentity.getGitCommit().orElse(null));
        map.put("cached", false);
        map.put("cacheKey", null);
        return map;
    }

    private RunFollower newFollower(String cloud, RunRef ref, Run<?, ?> run, PipelineDefaults defaults) {
        RunFollower f = new RunFollower(cloud, ref, !step.isQuiet());
        if (step.getOutputs() != null) {
            f.collectOutputs(OutputArchiving.stagingDir(run, ref.name()), defaults.outputLimits());
        }
        return f;
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
            abandonCache();
            return;
        }
        Map<String, Object> map = RunMaps.withLineage(RunMaps.finished(follower.cloud(), result), lineage);
        if (result.outputs() != null) {
            try {
                OutputArchiving.archive(StepServices.get(), getContext(), follower, result, map);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandonCache();
                getContext().onFailure(e);
                return;
            } catch (Exception e) {
                abandonCache();
                getContext().onFailure(new AbortException(FUNCTION + ": the outputs of Kubernetes Job "
                        + result.ref() + " were collected but could not be archived: " + e));
                return;
            }
        }
        completeCache(result, map);
        RunFollower.complete(getContext(), FUNCTION, result, map);
    }

    @Override
    public void onResume() {
        StepServices services = StepServices.get();
        services.blocking().execute(auth().wrap(() -> {
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
                        auth().wrap(this::finished));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (Exception e) {
                fail(e);
            }
        }));
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
        services.blocking().execute(auth().wrap(() -> {
            RunFollower f = follower;
            if (f == null) {
                fail(cause);
                return;
            }
            cancelAndFail(services.engines().engine(f.cloud(), services.defaults().get()));
        }));
    }

    /** The build's authentication from start(), or SYSTEM once restored after a restart (BuildAuth.afterRestart). */
    private BuildAuth auth() {
        return BuildAuth.orAfterRestart(auth);
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
        abandonCache();
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
