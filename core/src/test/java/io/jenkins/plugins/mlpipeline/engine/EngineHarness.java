package io.jenkins.plugins.mlpipeline.engine;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.logs.LogFollowSettings;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.status.ClassifierSettings;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.track.TrackerSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** An emulated cluster plus an engine with short limits, so every status-matrix row runs in seconds. */
final class EngineHarness implements AutoCloseable {

    static {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    static final String NS = "ml";

    final ClusterEmulator emu;
    private final List<TrainingEngine> engines = new ArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();

    EngineHarness(ClusterEmulator emu) {
        this.emu = emu;
    }

    /**
     * Retries come 1.1 s apart: like on a real cluster (10 s back-off at least) two attempts never share a
     * creation second, the only order Kubernetes gives pods (creationTimestamp has whole-second resolution).
     */
    static EngineHarness start() {
        return new EngineHarness(ClusterEmulator.builder().podFailureBackoff(Duration.ofMillis(1100)).build());
    }

    static EngineSettings fastSettings() {
        TrackerSettings tracker = TrackerSettings.defaults().withTick(Duration.ofMillis(100)).withProbeInterval(Duration.ofSeconds(1))
                .withClassifier(new ClassifierSettings(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .withClientRefreshMinInterval(Duration.ofMillis(200));
        LogFollowSettings logs = new LogFollowSettings(64 * 1024, Duration.ofMillis(50), Duration.ofMillis(500), 50, 3);
        return EngineSettings.defaults().withTracker(tracker).withLogs(logs);
    }

    TrainingEngine engine() {
        return engine(fastSettings(), emu::client);
    }

    TrainingEngine engine(EngineSettings settings, Supplier<KubernetesClient> clients) {
        TrainingEngine engine = new TrainingEngine(clients, settings);
        engines.add(engine);
        return engine;
    }

    static TrainingSpec.Builder spec(String image) {
        return TrainingSpec.builder().name("train").image(image).command("python", "train.py");
    }

    static RunIdentity id(String id) {
        return RunIdentity.of(id, "https://ci.example.com/job/x/1/", "0123abc");
    }

    /** Launch and follow from the start. */
    Running run(TrainingEngine engine, TrainingSpec spec, String identity) {
        LaunchResult launched = engine.launch(spec, id(identity), NS);
        CollectingObserver observer = new CollectingObserver();
        RunFollow follow = engine.follow(launched.ref(), LogPosition.START, observer);
        return new Running(launched.ref(), follow, observer);
    }

    Job job(RunRef ref) {
        return emu.client().batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
    }

    int jobCount() {
        return emu.client().batch().v1().jobs().inNamespace(NS).list().getItems().size();
    }

    /** Closes a client the test made when the harness closes (OkHttp's dispatcher threads are not daemons). */
    void closeLater(KubernetesClient client) {
        clients.add(client);
    }

    @Override
    public void close() {
        engines.forEach(TrainingEngine::close);
        clients.forEach(KubernetesClient::close);
        emu.close();
    }

    record Running(RunRef ref, RunFollow follow, CollectingObserver observer) {
        RunResult await() throws Exception {
            return observer.await(Duration.ofSeconds(30));
        }
    }
}
