package io.jenkins.plugins.mlpipeline.cloud;

import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.engine.EngineSettings;
import io.jenkins.plugins.mlpipeline.engine.TrainingEngine;
import io.jenkins.plugins.mlpipeline.status.ClassifierSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link TrainingEngine} per Kubernetes cloud, shared by every build, so each cluster has one watch per
 * namespace however many runs follow it. Clients are obtained through {@link CloudAccess#client} each time the
 * engine asks (the Kubernetes plugin caches them and hands out a fresh one after credentials expire); they are
 * never closed here.
 *
 * <p>Engines are keyed by cloud name and the administrator's classifier limits: after those limits change, new
 * runs get a new engine while runs already followed keep theirs until they end.
 */
public final class EngineRegistry implements AutoCloseable {

    private final CloudAccess clouds;
    private final Function<ClassifierSettings, EngineSettings> settings;
    private final Map<Key, TrainingEngine> engines = new ConcurrentHashMap<>();

    public EngineRegistry(CloudAccess clouds) {
        this(clouds, classifier -> EngineSettings.defaults()
                .withTracker(EngineSettings.defaults().tracker().withClassifier(classifier)));
    }

    /** @param settings engine settings for given classifier limits (tests use short intervals) */
    public EngineRegistry(CloudAccess clouds, Function<ClassifierSettings, EngineSettings> settings) {
        this.clouds = clouds;
        this.settings = settings;
    }

    public TrainingEngine engine(String cloud, PipelineDefaults defaults) {
        ClassifierSettings classifier = new ClassifierSettings(defaults.imagePullGrace(), defaults.pendingTimeout());
        return engines.computeIfAbsent(new Key(cloud, classifier),
                key -> new TrainingEngine(() -> clouds.client(key.cloud()), settings.apply(key.classifier())));
    }

    /** Stops following (Jobs keep running); used by tests to play a controller restart. */
    @Override
    public void close() {
        engines.values().forEach(TrainingEngine::close);
        engines.clear();
    }

    private record Key(String cloud, ClassifierSettings classifier) {
    }
}
