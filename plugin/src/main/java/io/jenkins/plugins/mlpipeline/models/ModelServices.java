package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.mlpipeline.artifacts.BuildArtifacts;
import io.jenkins.plugins.mlpipeline.registry.ModelRegistry;
import io.jenkins.plugins.mlpipeline.steps.BuildAuth;
import io.jenkins.plugins.mlpipeline.steps.StepServices;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the model steps and pages use: the registry under {@code $JENKINS_HOME/ml-models}, the builds' artifacts, the
 * Jenkins calls behind small interfaces. Built from {@link StepServices} unless a test installed its own.
 *
 * @param registry   the model registry
 * @param artifacts  the builds' archived artifacts (model bytes live there)
 * @param blocking   threads for the steps' short blocking work (never the Pipeline thread); they carry no Jenkins
 *                   authentication, so executions wrap each task with {@link BuildAuth} to run it as the build
 * @param buildUrl   absolute URL of a build, or null if Jenkins' URL is not configured
 * @param keeper     sets and clears a build's "keep forever"
 * @param promotions decides whether a build may move an alias
 * @param workspaces the workspace a step runs in, if any
 * @param userOf     the Jenkins user id that started a build, or null (timer, SCM, upstream, unknown)
 * @param fingerprints records registered model files as Jenkins fingerprints
 */
public record ModelServices(ModelRegistry registry, BuildArtifacts artifacts, Executor blocking,
                            Function<Run<?, ?>, String> buildUrl, BuildKeeper keeper, PromotionCheck promotions,
                            WorkspaceLookup workspaces, Function<Run<?, ?>, String> userOf,
                            ModelFingerprints fingerprints) {

    /** Directory name of the registry under the data root. */
    public static final String REGISTRY_DIR = "ml-models";

    private static volatile ModelServices installed;

    /** The installed services, or those of the running Jenkins. */
    public static ModelServices get() {
        ModelServices s = installed;
        return s != null ? s : forJenkins(StepServices.get());
    }

    /** Replaces the services (tests); {@code null} goes back to Jenkins'. Returns the previous ones. */
    public static synchronized ModelServices install(ModelServices services) {
        ModelServices previous = installed;
        installed = services;
        return previous;
    }

    /**
     * The user who started the build ("Build Now", a replay), from the build's cause: User.current() would answer
     * for whatever authentication the calling thread has, not for the build.
     */
    static String startedBy(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }

    static Path registryRoot(Path dataRoot) {
        return dataRoot.resolve(REGISTRY_DIR);
    }

    private static ModelServices forJenkins(StepServices steps) {
        return new ModelServices(new ModelRegistry(registryRoot(steps.dataRoot())), steps.artifacts(),
                steps.blocking(), steps.buildUrl(), new JenkinsBuildKeeper(), new JenkinsPromotionCheck(),
                new FilePathWorkspace.Lookup(), ModelServices::startedBy,
                new JenkinsModelFingerprints(steps.artifacts()));
    }
}
