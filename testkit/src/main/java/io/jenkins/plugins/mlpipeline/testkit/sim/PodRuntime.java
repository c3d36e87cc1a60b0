package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodPhases;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Timestamps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A pod on a simulated kubelet: starts its containers, computes its phase and conditions, and writes its status
 * (k8s pkg/kubelet/kubelet_pods.go {@code getPhase}, {@code generateAPIPodStatus}; pkg/kubelet/status).
 * Init containers are reported as completed at once; they run no script. The pod's emptyDir volumes are set up
 * before its containers start and removed when the pod leaves the node ({@link PodFilesystem}).
 */
final class PodRuntime {

    private static final int SIGTERM_EXIT = 143;
    private static final int SIGKILL_EXIT = 137;

    private final KubeletContext context;
    private final String namespace;
    private final String name;
    private final String uid;
    private final String node;
    private final String hostIp;
    private final String podIp;
    private final int attempt;
    private final EventRecorder.Source source;
    private final List<ContainerInstance> containers = new ArrayList<>();
    private final List<String> initContainers = new ArrayList<>();
    private final PodFilesystem files;
    private Pod object;
    private Instant startTime;
    private boolean terminating;
    private String evictionMessage;

    PodRuntime(KubeletContext context, Pod pod, String hostIp, String podIp, int attempt) {
        this.context = context;
        this.object = pod;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.uid = pod.getMetadata().getUid();
        this.node = pod.getSpec().getNodeName();
        this.hostIp = hostIp;
        this.podIp = podIp;
        this.attempt = attempt;
        this.source = EventRecorder.Source.kubelet(node);
        this.startTime = context.clock().instant();
        this.files = new PodFilesystem(pod);
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().forEach(c -> initContainers.add(c.getName()));
        }
        for (Container container : pod.getSpec().getContainers()) {
            containers.add(new ContainerInstance(this, container, context));
        }
    }

    String uid() {
        return uid;
    }

    String name() {
        return name;
    }

    String node() {
        return node;
    }

    int attempt() {
        return attempt;
    }

    Pod object() {
        return object;
    }

    EventRecorder.Source source() {
        return source;
    }

    PodFilesystem files() {
        return files;
    }

    void start() {
        try {
            files.prepare();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the emptyDir volumes of pod " + namespace + "/" + name
                    + " on the host", e);
        }
        context.runtime().podStarted(uid, files);
        writeStatus();
        for (ContainerInstance container : containers) {
            container.start();
        }
        writeStatus();
    }

    /** The pod got a deletionTimestamp: SIGTERM to every container. */
    void terminate() {
        if (terminating || evictionMessage != null) {
            return;
        }
        terminating = true;
        stopAll(context.settings().terminationTime(), SIGTERM_EXIT);
    }

    /** Node-pressure eviction: the pod fails with reason Evicted (k8s pkg/kubelet/eviction). */
    void evict(String message) {
        if (evictionMessage != null || isTerminal()) {
            return;
        }
        evictionMessage = message;
        context.events().warning(source, object, null, "Evicted", message);
        context.store().update(ResourceKind.PODS, namespace, name, pod -> PodConditions.set(pod,
                PodConditions.DISRUPTION_TARGET, "True", "TerminationByKubelet", message, now()));
        stopAll(Duration.ZERO, SIGKILL_EXIT);
    }

    /** The pod left the API: stop everything silently and remove its files. */
    void discard() {
        containers.forEach(ContainerInstance::discard);
        context.runtime().podRemoved(uid);
        // Also when the pod never started (deleted before its start): its files may exist all the same.
        files.delete();
    }

    /** restartPolicy OnFailure, and the pod is not being stopped. */
    boolean restartsFailedContainers() {
        return "OnFailure".equals(object.getSpec().getRestartPolicy()) && !terminating && evictionMessage == null;
    }

    void containerEnded(ContainerInstance container) {
        writeStatus();
    }

    private void stopAll(Duration within, int exitCode) {
        for (ContainerInstance container : containers) {
            container.stop(within, exitCode);
        }
        writeStatus();
    }

    boolean isTerminal() {
        String phase = phase();
        return PodPhases.SUCCEEDED.equals(phase) || PodPhases.FAILED.equals(phase);
    }

    /** Writes phase, IPs, conditions and container statuses, keeping conditions other components own. */
    void writeStatus() {
        Pod updated = context.store().update(ResourceKind.PODS, namespace, name, pod -> {
            if (uid.equals(pod.getMetadata().getUid())) {
                pod.setStatus(status(pod.getStatus()));
            }
        });
        if (updated != null) {
            object = updated;
        }
    }

    private PodStatus status(PodStatus previous) {
        PodStatus status = previous == null ? new PodStatus() : previous;
        String phase = phase();
        status.setPhase(phase);
        status.setHostIP(hostIp);
        status.setHostIPs(List.of(new HostIP(hostIp)));
        status.setPodIP(podIp);
        status.setPodIPs(List.of(new PodIP(podIp)));
        status.setStartTime(Timestamps.seconds(startTime));
        if (evictionMessage != null) {
            status.setReason("Evicted");
            status.setMessage(evictionMessage);
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerInstance container : containers) {
            statuses.add(container.status(terminating));
        }
        // Sorted by name, as the kubelet does (kubelet_pods.go convertToAPIContainerStatuses).
        statuses.sort(Comparator.comparing(ContainerStatus::getName));
        status.setContainerStatuses(statuses);
        if (!initContainers.isEmpty()) {
            status.setInitContainerStatuses(initContainerStatuses());
        }
        status.setConditions(conditions(status.getConditions(), phase));
        return status;
    }

    private List<ContainerStatus> initContainerStatuses() {
        List<ContainerStatus> statuses = new ArrayList<>();
        for (String init : initContainers) {
            ContainerStatus status = new ContainerStatus();
            status.setName(init);
            status.setReady(true);
            status.setStarted(false);
            status.setRestartCount(0);
            ContainerStateTerminated done = new ContainerStateTerminated();
            done.setExitCode(0);
            done.setReason("Completed");
            done.setStartedAt(Timestamps.seconds(startTime));
            done.setFinishedAt(Timestamps.seconds(startTime));
            ContainerState state = new ContainerState();
            state.setTerminated(done);
            status.setState(state);
            statuses.add(status);
        }
        return statuses;
    }

    private List<PodCondition> conditions(List<PodCondition> previous, String phase) {
        boolean terminal = PodPhases.SUCCEEDED.equals(phase) || PodPhases.FAILED.equals(phase);
        List<String> unready = new ArrayList<>();
        for (ContainerInstance container : containers) {
            if (container.phase() != ContainerInstance.Phase.RUNNING || terminating) {
                unready.add(container.name());
            }
        }
        String ready = unready.isEmpty() && !terminal ? "True" : "False";
        String readyReason = ready.equals("True") ? null : terminal ? "PodCompleted" : "ContainersNotReady";
        String readyMessage = ready.equals("True") || terminal ? null
                : "containers with unready status: [" + String.join(" ", unready) + "]";
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "PodReadyToStartContainers", terminal ? "False" : "True", null, null));
        conditions.add(condition(previous, "Initialized", "True", terminal && !initContainers.isEmpty()
                ? "PodCompleted" : null, null));
        conditions.add(condition(previous, PodConditions.READY, ready, readyReason, readyMessage));
        conditions.add(condition(previous, "ContainersReady", ready, readyReason, readyMessage));
        if (previous != null) {
            for (PodCondition other : previous) {
                if (PodConditions.find(conditions, other.getType()) == null) {
                    conditions.add(other);
                }
            }
        }
        return conditions;
    }

    private PodCondition condition(List<PodCondition> previous, String type, String status, String reason,
            String message) {
        PodCondition before = PodConditions.find(previous, type);
        PodCondition condition = new PodCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setLastTransitionTime(before != null && status.equals(before.getStatus())
                ? before.getLastTransitionTime() : now());
        return condition;
    }

    /** Phase for restartPolicy Never/OnFailure (no restarts are simulated). */
    private String phase() {
        boolean anyRunning = containers.stream().anyMatch(c -> c.phase() == ContainerInstance.Phase.RUNNING);
        if (evictionMessage != null && !anyRunning) {
            return PodPhases.FAILED;
        }
        boolean allTerminated = true;
        boolean anyFailed = false;
        boolean allStarted = true;
        for (ContainerInstance container : containers) {
            if (container.phase() != ContainerInstance.Phase.TERMINATED) {
                allTerminated = false;
            } else if (container.exitCode() != 0) {
                anyFailed = true;
            }
            if (!container.hasStarted() && container.phase() != ContainerInstance.Phase.TERMINATED) {
                allStarted = false;
            }
        }
        if (allTerminated) {
            return anyFailed ? PodPhases.FAILED : PodPhases.SUCCEEDED;
        }
        return allStarted ? PodPhases.RUNNING : PodPhases.PENDING;
    }

    private String now() {
        return Timestamps.seconds(context.clock().instant());
    }
}
