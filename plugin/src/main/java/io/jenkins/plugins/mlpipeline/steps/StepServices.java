package io.jenkins.plugins.mlpipeline.steps;

import hudson.model.Run;
import io.jenkins.plugins.mlpipeline.artifacts.BuildArtifacts;
import io.jenkins.plugins.mlpipeline.artifacts.JenkinsBuildArtifacts;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.cloud.EngineRegistry;
import io.jenkins.plugins.mlpipeline.cloud.JenkinsCloudAccess;
import io.jenkins.plugins.mlpipeline.config.MlPipelineConfiguration;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * Everything the step executions use that outlives one build: the clouds, the engines, the global defaults and
 * the threads. Executions are deserialized by Jenkins after a restart and cannot be handed their collaborators,
 * so they look them up here; tests install their own with {@link #install}.
 *
 * @param clouds          access to the Kubernetes plugin
 * @param engines         one engine per cloud
 * @param defaults        the administrator's current settings
 * @param buildUrl        absolute URL of a build, or null if Jenkins' URL is not configured
 * @param blocking        threads for blocking calls (launch, cancel): never the Pipeline thread, and not Jenkins'
 *                        small shared Timer pool since a cancel may wait for pods for up to half a minute. Its
 *                        threads carry no Jenkins authentication: executions wrap each task with {@link BuildAuth}
 * @param scheduler       one thread for short timed tasks (checkpoints, sensor deadlines)
 * @param checkpointEvery how often a running step persists its log position and metrics
 * @param launchRetryLimit how long a launch keeps retrying while the Kubernetes API is unreachable
 * @param artifacts       the builds' archived artifacts (outputs go there)
 * @param dataRoot        where the model registry and the run cache keep their files ($JENKINS_HOME)
 */
public record StepServices(CloudAccess clouds, EngineRegistry engines, Supplier<PipelineDefaults> defaults,
                           Function<Run<?, ?>, String> buildUrl, ExecutorService blocking,
                           ScheduledExecutorService scheduler, Duration checkpointEvery, Duration launchRetryLimit,
                           BuildArtifacts artifacts, Path dataRoot) {

    private static volatile StepServices current;

    /** The services in use, created for a running Jenkins on first use. */
    public static StepServices get() {
        StepServices s = current;
        if (s == null) {
            synchronized (StepServices.class) {
                if (current == null) {
                    current = forJenkins();
                }
                s = current;
            }
        }
        return s;
    }

    /** Replaces the services (tests); returns the previous ones. */
    public static StepServices install(StepServices services) {
        synchronized (StepServices.class) {
            StepServices previous = current;
            current = services;
            return previous;
        }
    }

    private static StepServices forJenkins() {
        CloudAccess clouds = new JenkinsCloudAccess();
        return new StepServices(clouds, new EngineRegistry(clouds), () -> MlPipelineConfiguration.get().toDefaults(),
                StepServices::jenkinsBuildUrl, Executors.newCachedThreadPool(daemon("ml-step")),
                Executors.newSingleThreadScheduledExecutor(daemon("ml-step-timer")), Duration.ofSeconds(5),
                Duration.ofMinutes(15), new JenkinsBuildArtifacts(), Jenkins.get().getRootDir().toPath());
    }

    private static String jenkinsBuildUrl(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? null : root + run.getUrl();
    }

    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
