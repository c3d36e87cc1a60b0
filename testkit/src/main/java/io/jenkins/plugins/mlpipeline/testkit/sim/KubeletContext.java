package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.logs.ContainerLogs;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the pods and containers of the simulated kubelets share: collaborators and each node's image cache. */
final class KubeletContext {

    private final ObjectStore store;
    private final EventRecorder events;
    private final ContainerLogs logs;
    private final ImageBehaviours images;
    private final SimulationLoop loop;
    private final SimulationSettings settings;
    private final ContainerRuntime runtime;
    private final Map<String, Set<String>> imagesByNode = new HashMap<>();

    KubeletContext(ObjectStore store, EventRecorder events, ContainerLogs logs, ImageBehaviours images,
            SimulationLoop loop, SimulationSettings settings, ContainerRuntime runtime) {
        this.store = store;
        this.events = events;
        this.logs = logs;
        this.images = images;
        this.loop = loop;
        this.settings = settings;
        this.runtime = runtime;
    }

    ContainerRuntime runtime() {
        return runtime;
    }

    ObjectStore store() {
        return store;
    }

    EventRecorder events() {
        return events;
    }

    ContainerLogs logs() {
        return logs;
    }

    ImageBehaviours images() {
        return images;
    }

    SimulationLoop loop() {
        return loop;
    }

    SimulationSettings settings() {
        return settings;
    }

    Clock clock() {
        return store.clock();
    }

    boolean imagePresent(String node, String image) {
        return imagesByNode.getOrDefault(node, Set.of()).contains(image);
    }

    void imagePulled(String node, String image) {
        imagesByNode.computeIfAbsent(node, n -> new HashSet<>()).add(image);
    }
}
