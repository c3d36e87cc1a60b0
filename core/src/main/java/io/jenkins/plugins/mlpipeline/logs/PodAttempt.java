package io.jenkins.plugins.mlpipeline.logs;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jenkins.plugins.mlpipeline.status.PodStates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * What the log follower needs to know about one pod of a run, extracted once from the {@link Pod} the tracker
 * passed in (so no live model object is shared with the worker thread). Attempts are ordered by creation time,
 * then name.
 */
final class PodAttempt {

    /** State of the followed container, as far as reading its log is concerned. */
    enum Container {
        /** No log exists yet: waiting (pulling, creating) or no status at all. */
        NOT_STARTED,
        /** A follow stream stays open while it runs. */
        RUNNING,
        /** Its log is complete; a plain read drains it. */
        TERMINATED
    }

    static final Comparator<PodAttempt> CREATION_ORDER = Comparator
            .comparing((PodAttempt a) -> a.createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(a -> a.name);

    final String name;
    final String created;
    final Instant createdAt;
    final String node;
    final Container container;
    /** The container whose log is read: the one asked for, or for Jobs launched elsewhere the pod's main one. */
    final String containerName;
    /** The pod is finished or being deleted: a container that has not started never will. */
    final boolean ended;

    private PodAttempt(String name, String created, String node, Container container, String containerName,
            boolean ended) {
        this.name = name;
        this.containerName = containerName;
        this.created = created;
        this.createdAt = parseTime(created);
        this.node = node;
        this.container = container;
        this.ended = ended;
    }

    /** The attempt for {@code pod} as seen for {@code containerName}, or {@code null} if the pod has no name. */
    static PodAttempt of(Pod pod, String containerName) {
        if (pod == null || pod.getMetadata() == null || pod.getMetadata().getName() == null) {
            return null;
        }
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        boolean ended = "Succeeded".equals(phase) || "Failed".equals(phase)
                || pod.getMetadata().getDeletionTimestamp() != null;
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        boolean hasWanted = pod.getSpec() != null && pod.getSpec().getContainers() != null
                && pod.getSpec().getContainers().stream().anyMatch(c -> containerName.equals(c.getName()));
        String followed = hasWanted || pod.getSpec() == null ? containerName : PodStates.mainContainerName(pod);
        return new PodAttempt(pod.getMetadata().getName(), pod.getMetadata().getCreationTimestamp(), node,
                containerState(status, followed), followed, ended);
    }

    /**
     * Stand-in for the position's pod when the tracker no longer lists it (deleted, or before a restart): its log
     * can at best be read once more, without following.
     */
    static PodAttempt vanished(LogPosition position, String containerName) {
        return new PodAttempt(position.podName(), position.podCreated(), null, Container.TERMINATED, containerName, true);
    }

    private static Container containerState(PodStatus status, String containerName) {
        if (status == null || status.getContainerStatuses() == null) {
            return Container.NOT_STARTED;
        }
        List<ContainerStatus> statuses = status.getContainerStatuses();
        for (ContainerStatus cs : statuses) {
            if (cs != null && containerName.equals(cs.getName())) {
                ContainerState state = cs.getState();
                if (state != null && state.getRunning() != null) {
                    return Container.RUNNING;
                }
                if (state != null && state.getTerminated() != null) {
                    return Container.TERMINATED;
                }
                return Container.NOT_STARTED;
            }
        }
        return Container.NOT_STARTED;
    }

    /** Negative if this attempt comes before the position's pod, 0 if it is that pod, positive if after. */
    int compareToPosition(LogPosition position) {
        if (name.equals(position.podName())) {
            return 0;
        }
        Instant positionCreated = parseTime(position.podCreated());
        int byTime = Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(createdAt, positionCreated);
        return byTime != 0 ? byTime : name.compareTo(position.podName());
    }

    /** The line announcing this attempt, e.g. {@code [ml] attempt 2: pod train-abc-x7k2p on node node-1}. */
    String header(int attempt) {
        return "[ml] attempt " + attempt + ": pod " + name + (node == null || node.isEmpty() ? "" : " on node " + node);
    }

    private static Instant parseTime(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name + "(" + container + (ended ? ", ended" : "") + ")";
    }
}
