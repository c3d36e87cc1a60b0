package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Deletions;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectKey;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodPhases;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Timestamps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The default scheduler, reduced to node selectors and resource fit (requests, or limits where no request is set,
 * for any resource name, against allocatable minus what bound unfinished pods request). Unschedulable pods keep
 * {@code PodScheduled=False/Unschedulable} with the scheduler's FitError text (k8s pkg/scheduler/framework/types.go)
 * and are retried whenever capacity frees or nodes change.
 */
final class Scheduler {

    private static final String SELECTOR_MISMATCH = "node(s) didn't match Pod's node affinity/selector";
    private static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    private static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";

    private record Placement(String node, ResourceAmounts requests) {
    }

    private final ObjectStore store;
    private final EventRecorder events;
    private final Deletions deletions;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<ObjectKey, Placement> placements = new HashMap<>();
    private final Map<String, ResourceAmounts> used = new HashMap<>();
    private final Set<ObjectKey> pending = new LinkedHashSet<>();

    Scheduler(ObjectStore store, EventRecorder events, Deletions deletions) {
        this.store = store;
        this.events = events;
        this.deletions = deletions;
    }

    void onNodesChanged() {
        nodes.clear();
        for (Node node : store.list(ResourceKind.NODES, null)) {
            nodes.put(node.getMetadata().getName(), node);
        }
        retryPending();
    }

    void onPod(ObjectKey key, Pod pod) {
        if (pod == null || PodPhases.isTerminal(pod)) {
            pending.remove(key);
            if (release(key)) {
                retryPending();
            }
            return;
        }
        if (pod.getSpec().getNodeName() != null) {
            pending.remove(key);
            if (!placements.containsKey(key)) {
                occupy(key, pod.getSpec().getNodeName(), ResourceAmounts.requestsOf(pod.getSpec()));
            }
            return;
        }
        String schedulerName = pod.getSpec().getSchedulerName();
        if (PodPhases.isBeingDeleted(pod) || (schedulerName != null && !schedulerName.equals("default-scheduler"))) {
            pending.remove(key);
            return;
        }
        if (pending.add(key)) {
            schedule(key, pod);
        }
    }

    /** Scheduler preemption of a running pod: DisruptionTarget condition, Preempted event, graceful deletion. */
    void preempt(ObjectKey key) {
        Pod pod = store.update(ResourceKind.PODS, key.namespace(), key.name(), p -> PodConditions.set(p,
                PodConditions.DISRUPTION_TARGET, "True", "PreemptionByScheduler",
                "default-scheduler: preempting to accommodate a higher priority pod", now()));
        if (pod == null) {
            return;
        }
        events.normal(EventRecorder.Source.SCHEDULER, pod, null, "Preempted", "Preempted by pod "
                + UUID.randomUUID() + " on node " + pod.getSpec().getNodeName());
        deletions.deletePod(key.namespace(), key.name(), null);
    }

    private void retryPending() {
        for (ObjectKey key : new ArrayList<>(pending)) {
            Pod pod = store.get(ResourceKind.PODS, key.namespace(), key.name());
            if (pod == null || pod.getSpec().getNodeName() != null || PodPhases.isBeingDeleted(pod)) {
                pending.remove(key);
            } else {
                schedule(key, pod);
            }
        }
    }

    private void schedule(ObjectKey key, Pod pod) {
        ResourceAmounts requests = ResourceAmounts.requestsOf(pod.getSpec());
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> preemption = new TreeMap<>();
        for (Node node : nodes.values()) {
            if (!selectorMatches(pod, node)) {
                reasons.merge(SELECTOR_MISMATCH, 1, Integer::sum);
                preemption.merge(NOT_HELPFUL, 1, Integer::sum);
                continue;
            }
            List<String> insufficient = insufficient(requests, node);
            if (insufficient.isEmpty()) {
                bind(key, node.getMetadata().getName(), requests);
                return;
            }
            insufficient.forEach(resource -> reasons.merge("Insufficient " + resource, 1, Integer::sum));
            preemption.merge(NO_VICTIMS, 1, Integer::sum);
        }
        String message = fitError(nodes.size(), reasons) + " preemption: " + fitError(nodes.size(), preemption);
        Pod updated = store.update(ResourceKind.PODS, key.namespace(), key.name(), p -> PodConditions.set(p,
                PodConditions.POD_SCHEDULED, "False", "Unschedulable", message, now()));
        if (updated != null) {
            events.warning(EventRecorder.Source.SCHEDULER, updated, null, "FailedScheduling", message);
        }
    }

    /** {@code 0/N nodes are available: <count> <reason>, ...} with the parts sorted, as FitError.Error() builds. */
    private static String fitError(int nodeCount, Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        return "0/" + nodeCount + " nodes are available: " + String.join(", ", parts) + ".";
    }

    private void bind(ObjectKey key, String node, ResourceAmounts requests) {
        Pod bound = store.update(ResourceKind.PODS, key.namespace(), key.name(), p -> {
            p.getSpec().setNodeName(node);
            PodConditions.set(p, PodConditions.POD_SCHEDULED, "True", null, null, now());
        });
        pending.remove(key);
        if (bound == null) {
            return;
        }
        occupy(key, node, requests);
        events.normal(EventRecorder.Source.SCHEDULER, bound, null, "Scheduled",
                "Successfully assigned " + key.namespace() + "/" + key.name() + " to " + node);
    }

    private static boolean selectorMatches(Pod pod, Node node) {
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of()
                : node.getMetadata().getLabels();
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private List<String> insufficient(ResourceAmounts requests, Node node) {
        ResourceAmounts allocatable = ResourceAmounts.fromQuantities(node.getStatus() == null ? null
                : node.getStatus().getAllocatable());
        ResourceAmounts free = allocatable.minus(used.getOrDefault(node.getMetadata().getName(),
                ResourceAmounts.none()));
        List<String> missing = new ArrayList<>();
        for (String resource : requests.requestedNames()) {
            BigDecimal available = free.get(resource);
            if (available.compareTo(requests.get(resource)) < 0) {
                missing.add(resource);
            }
        }
        return missing;
    }

    private void occupy(ObjectKey key, String node, ResourceAmounts requests) {
        placements.put(key, new Placement(node, requests));
        used.merge(node, requests, ResourceAmounts::plus);
    }

    private boolean release(ObjectKey key) {
        Placement placement = placements.remove(key);
        if (placement == null) {
            return false;
        }
        used.computeIfPresent(placement.node(), (node, amounts) -> amounts.minus(placement.requests()));
        return true;
    }

    private String now() {
        return Timestamps.seconds(store.clock().instant());
    }
}
