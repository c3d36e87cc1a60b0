package io.jenkins.plugins.mlpipeline.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jenkins.plugins.mlpipeline.JobLabels;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Null-safe reading of the parts of a Pod the engine classifies on. Kubernetes leaves most status fields absent
 * until they apply, so every accessor here copes with missing values.
 */
public final class PodStates {

    /** Oldest first: creation time, then name (creation times have whole-second resolution). */
    public static final Comparator<Pod> BY_CREATION = Comparator
            .comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> p.getMetadata().getName());

    private PodStates() {
    }

    /**
     * The container whose status is the run's status: the one named {@code main}, or the only/first container
     * for Jobs the engine did not create (mlSensor may follow any Job).
     */
    public static String mainContainerName(Pod pod) {
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return JobLabels.MAIN_CONTAINER;
        }
        return containers.stream().map(Container::getName)
                .filter(JobLabels.MAIN_CONTAINER::equals).findFirst()
                .orElse(containers.get(0).getName());
    }

    public static Optional<ContainerStatus> mainStatus(Pod pod) {
        return containerStatus(pod, mainContainerName(pod));
    }

    /** The status of the named container, if the kubelet reported one. */
    public static Optional<ContainerStatus> containerStatus(Pod pod, String name) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> name.equals(s.getName())).findFirst();
    }

    public static Optional<ContainerStateTerminated> mainTerminated(Pod pod) {
        return mainStatus(pod).map(s -> s.getState() == null ? null : s.getState().getTerminated());
    }

    public static Optional<ContainerStateWaiting> mainWaiting(Pod pod) {
        return mainStatus(pod).map(s -> s.getState() == null ? null : s.getState().getWaiting());
    }

    public static boolean mainRunning(Pod pod) {
        return mainStatus(pod).map(s -> s.getState() != null && s.getState().getRunning() != null).orElse(false);
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    public static boolean isTerminal(Pod pod) {
        String phase = phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public static boolean isDeleting(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Counted in the Job's {@code active}: Pending or Running and not being deleted. */
    public static boolean isActive(Pod pod) {
        return !isTerminal(pod) && !isDeleting(pod);
    }

    public static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static Optional<PodCondition> trueCondition(Pod pod, String type) {
        return condition(pod, type).filter(c -> "True".equals(c.getStatus()));
    }

    /** The memory limit of the main container as written in the spec, e.g. {@code 4Gi}. */
    public static Optional<String> mainMemoryLimit(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return Optional.empty();
        }
        String name = mainContainerName(pod);
        return pod.getSpec().getContainers().stream().filter(c -> name.equals(c.getName())).findFirst()
                .map(Container::getResources)
                .map(r -> r.getLimits() == null ? null : r.getLimits().get("memory"))
                .map(Quantity::toString);
    }

    /** The image digest the runtime reports, e.g. {@code docker.io/library/x@sha256:...}; empty until it ran. */
    public static Optional<String> mainImageId(Pod pod) {
        return mainStatus(pod).map(ContainerStatus::getImageID).filter(s -> !s.isEmpty());
    }
}
