package io.jenkins.plugins.mlpipeline.logs;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Pods of a run in the states the log follower distinguishes. */
final class TestPods {

    private TestPods() {
    }

    /** Creation second {@code createdSecond} after 10:00:00 on 2024-05-01, scheduled on {@code node}. */
    static Pod waiting(String name, int createdSecond, String node) {
        return pod(name, createdSecond, node, "Pending",
                new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting().build());
    }

    static Pod running(String name, int createdSecond, String node) {
        return pod(name, createdSecond, node, "Running",
                new ContainerStateBuilder().withNewRunning().withStartedAt(time(createdSecond + 1)).endRunning()
                        .build());
    }

    static Pod terminated(String name, int createdSecond, String node, int exitCode) {
        return pod(name, createdSecond, node, exitCode == 0 ? "Succeeded" : "Failed",
                new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
                        .withReason(exitCode == 0 ? "Completed" : "Error").endTerminated().build());
    }

    /** Failed before its container ever started (e.g. evicted while pending): no container status at all. */
    static Pod failedWithoutStart(String name, int createdSecond) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("ns").withCreationTimestamp(time(createdSecond))
                .endMetadata()
                .withNewStatus().withPhase("Failed").withReason("Evicted").endStatus()
                .build();
    }

    private static Pod pod(String name, int createdSecond, String node, String phase, ContainerState state) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("ns").withCreationTimestamp(time(createdSecond))
                .endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").endContainer().endSpec()
                .withNewStatus().withPhase(phase)
                .withContainerStatuses(new ContainerStatusBuilder().withName("main").withState(state).build())
                .endStatus()
                .build();
    }

    private static String time(int second) {
        return String.format("2024-05-01T10:%02d:%02dZ", second / 60, second % 60);
    }
}
