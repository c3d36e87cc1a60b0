package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectKey;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodPhases;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;

import java.util.HashMap;
import java.util.Map;

/**
 * The kubelets of all nodes: run the pods bound to a node, stop them when deleted, and evict on request. Also does
 * the pod garbage collector's part for pods deleted before they were scheduled (they are marked Failed so that
 * their finalizers can be removed; k8s pkg/controller/podgc {@code gcUnscheduledTerminating}).
 */
final class Kubelet {

    private final KubeletContext context;
    private final ClusterState state;
    private final Map<ObjectKey, PodRuntime> pods = new HashMap<>();
    private final Map<String, Integer> nodeIndexes = new HashMap<>();
    private final Map<String, Integer> podCounters = new HashMap<>();

    Kubelet(KubeletContext context, ClusterState state) {
        this.context = context;
        this.state = state;
    }

    void onPod(ObjectKey key, Pod pod, ClusterState.PodRecord previous) {
        PodRuntime runtime = pods.get(key);
        if (runtime != null && (pod == null || !runtime.uid().equals(pod.getMetadata().getUid()))) {
            runtime.discard();
            pods.remove(key);
            context.logs().removePod(runtime.uid());
            runtime = null;
        }
        if (pod == null) {
            if (previous != null) {
                context.logs().removePod(previous.uid());
            }
            return;
        }
        boolean deleting = PodPhases.isBeingDeleted(pod);
        if (pod.getSpec().getNodeName() == null) {
            if (deleting && !PodPhases.isTerminal(pod)) {
                context.store().update(ResourceKind.PODS, key.namespace(), key.name(),
                        p -> p.getStatus().setPhase(PodPhases.FAILED));
            }
            return;
        }
        if (runtime == null) {
            if (PodPhases.isTerminal(pod)) {
                return;
            }
            runtime = new PodRuntime(context, pod, hostIp(pod.getSpec().getNodeName()),
                    podIp(pod.getSpec().getNodeName()), state.attemptOf(pod.getMetadata().getUid()));
            pods.put(key, runtime);
            if (deleting) {
                // Deleted between binding and start: nothing ran, it simply fails.
                runtime.terminate();
                return;
            }
            runtime.start();
        }
        if (deleting) {
            runtime.terminate();
        }
    }

    /** Evicts a running pod; returns false when no kubelet runs it. */
    boolean evict(ObjectKey key, String message) {
        PodRuntime runtime = pods.get(key);
        if (runtime == null) {
            return false;
        }
        runtime.evict(message);
        return true;
    }

    void discardAll() {
        pods.values().forEach(PodRuntime::discard);
        pods.clear();
    }

    private String hostIp(String node) {
        return "10.0.0." + (nodeIndex(node) + 10);
    }

    private String podIp(String node) {
        int n = podCounters.merge(node, 1, Integer::sum);
        return "10.244." + nodeIndex(node) + "." + (n % 250 + 2);
    }

    private int nodeIndex(String node) {
        return nodeIndexes.computeIfAbsent(node, n -> nodeIndexes.size());
    }
}
