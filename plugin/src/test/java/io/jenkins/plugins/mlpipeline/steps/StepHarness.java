package io.jenkins.plugins.mlpipeline.steps;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Run;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.cloud.EngineRegistry;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.engine.EngineSettings;
import io.jenkins.plugins.mlpipeline.logs.LogFollowSettings;
import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.track.TrackerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An emulated cluster, a fake Kubernetes cloud "k8s" in front of it and step services with short limits: what a
 * Jenkins controller with the Kubernetes plugin gives the steps, minus Jenkins.
 */
final class StepHarness implements AutoCloseable {

    static {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    static final String NS = "ml";
    static final String SIDECAR_IMAGE = "busybox:1.37";
    private static final AtomicInteger BUILDS = new AtomicInteger();

    final ClusterEmulator emu = ClusterEmulator.builder().podFailureBackoff(Duration.ofMillis(1100)).build();
    final Map<String, CloudAccess.PodTemplateInfo> templates = new ConcurrentHashMap<>();
    final List<String> restrictedClouds = new CopyOnWriteArrayList<>();
    volatile PipelineDefaults defaults = new PipelineDefaults(null, NS, Duration.ofHours(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), null, true, SIDECAR_IMAGE, OutputLimits.DEFAULT);
    /** Plays JENKINS_HOME: builds' directories, the model registry and the run cache. */
    final Path home = createTempDirectory();
    final DirectoryBuildArtifacts artifacts = new DirectoryBuildArtifacts(home.resolve("artifacts"));
    final CloudAccess clouds = new FakeCloudAccess();
    private EngineRegistry engines;
    private StepServices services;
    private final StepServices previous;

    StepHarness() {
        services = newServices();
        previous = StepServices.install(services);
    }

    static EngineSettings fastSettings(io.jenkins.plugins.mlpipeline.status.ClassifierSettings classifier) {
        TrackerSettings tracker = TrackerSettings.defaults().withTick(Duration.ofMillis(100))
                .withProbeInterval(Duration.ofSeconds(1)).withClassifier(classifier)
                .withApiUnavailableLimit(Duration.ofSeconds(30)).withClientRefreshMinInterval(Duration.ofMillis(200));
        LogFollowSettings logs = new LogFollowSettings(64 * 1024, Duration.ofMillis(50), Duration.ofMillis(500), 50, 3);
        return new EngineSettings(tracker, logs, Duration.ofSeconds(5), Duration.ofSeconds(10), 20);
    }

    private StepServices newServices() {
        engines = new EngineRegistry(clouds, StepHarness::fastSettings);
        return new StepServices(clouds, engines, () -> defaults, run -> "https://ci.example.com/" + run.getUrl(),
                Executors.newCachedThreadPool(StepServices.daemon("test-step")),
                Executors.newSingleThreadScheduledExecutor(StepServices.daemon("test-step-timer")),
                Duration.ofMillis(200), Duration.ofSeconds(20), artifacts, home);
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("ml-jenkins-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plays a controller restart: every engine stops following, new services replace the old ones. */
    void restartController() {
        engines.close();
        services.blocking().shutdownNow();
        services.scheduler().shutdownNow();
        services = newServices();
        StepServices.install(services);
    }

    /** A build of job {@code folder/train} with a mock Run that keeps its actions. */
    TestStepContext.Build newBuild() {
        int number = BUILDS.incrementAndGet();
        Run<?, ?> run = mock(Run.class);
        List<Action> actions = new CopyOnWriteArrayList<>();
        when(run.getExternalizableId()).thenReturn("folder/train#" + number);
        when(run.getUrl()).thenReturn("job/folder/job/train/" + number + "/");
        when(run.getNumber()).thenReturn(number);
        when(run.getRootDir()).thenReturn(home.resolve("builds").resolve(String.valueOf(number)).toFile());
        when(run.getAction(any())).thenAnswer(inv -> {
            Class<?> type = inv.getArgument(0);
            return actions.stream().filter(type::isInstance).findFirst().orElse(null);
        });
        doAnswer(inv -> actions.add(inv.getArgument(0))).when(run).addAction(any());
        artifacts.builds.put(run.getExternalizableId(), run);
        return new TestStepContext.Build("build-" + number, run);
    }

    List<Job> jobs() {
        return emu.client().batch().v1().jobs().inNamespace(NS).list().getItems();
    }

    @Override
    public void close() {
        engines.close();
        services.blocking().shutdownNow();
        services.scheduler().shutdownNow();
        StepServices.install(previous);
        emu.close();
        try (var walk = Files.walk(home)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private final class FakeCloudAccess implements CloudAccess {
        @Override
        public String resolveCloud(String requested, Run<?, ?> run) throws AbortException {
            String name = requested == null ? "k8s" : requested;
            if (!name.equals("k8s")) {
                throw new AbortException("cloud: there is no cloud named '" + name + "'");
            }
            if (restrictedClouds.contains(name)) {
                throw new AbortException("cloud: the Kubernetes cloud '" + name + "' is restricted");
            }
            return name;
        }

        @Override
        public KubernetesClient client(String cloud) {
            return emu.client();
        }

        @Override
        public String cloudNamespace(String cloud) {
            return null;
        }

        @Override
        public PodTemplateInfo podTemplate(String cloud, String name) throws AbortException {
            PodTemplateInfo t = templates.get(name);
            if (t == null) {
                throw new AbortException("podTemplate: the Kubernetes cloud '" + cloud + "' has no pod template named '"
                        + name + "'");
            }
            return t;
        }
    }
}
