package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.ArrayList;
import java.util.List;

/** Setting pod conditions the way the kubelet and scheduler do: lastTransitionTime moves only when status flips. */
final class PodConditions {

    static final String POD_SCHEDULED = "PodScheduled";
    static final String DISRUPTION_TARGET = "DisruptionTarget";
    static final String READY = "Ready";

    private PodConditions() {
    }

    static void set(Pod pod, String type, String status, String reason, String message, String now) {
        if (pod.getStatus() == null) {
            pod.setStatus(new PodStatus());
        }
        List<PodCondition> conditions = pod.getStatus().getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(pod.getStatus().getConditions());
        PodCondition existing = find(conditions, type);
        PodCondition condition = new PodCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setLastProbeTime(null);
        condition.setLastTransitionTime(existing != null && status.equals(existing.getStatus())
                ? existing.getLastTransitionTime() : now);
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), condition);
        } else {
            conditions.add(condition);
        }
        pod.getStatus().setConditions(conditions);
    }

    static PodCondition find(List<PodCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        for (PodCondition condition : conditions) {
            if (type.equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }

    static boolean isTrue(Pod pod, String type) {
        PodCondition condition = pod.getStatus() == null ? null : find(pod.getStatus().getConditions(), type);
        return condition != null && "True".equals(condition.getStatus());
    }
}
