package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectKey;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated controllers remember between events, like an informer cache but only the few facts they need:
 * which Job owns which pods, Job uids, and each pod's attempt number. Confined to the simulation loop.
 */
final class ClusterState {

    /** The facts about a pod that must survive its removal from the API. */
    record PodRecord(ObjectKey key, String uid, String ownerUid, String ownerName) {
    }

    private final Map<ObjectKey, PodRecord> pods = new HashMap<>();
    private final Map<String, Set<ObjectKey>> podsByOwner = new HashMap<>();
    private final Map<ObjectKey, String> jobUids = new HashMap<>();
    private final Map<String, ObjectKey> jobsByUid = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    /** Updates the record of a pod; {@code pod == null} when it is gone. Returns the previous record. */
    PodRecord trackPod(ObjectKey key, Pod pod) {
        PodRecord previous = pods.get(key);
        OwnerReference owner = pod == null ? null : jobController(pod);
        String ownerUid = owner == null ? null : owner.getUid();
        if (previous != null && previous.ownerUid() != null && !previous.ownerUid().equals(ownerUid)) {
            Set<ObjectKey> siblings = podsByOwner.get(previous.ownerUid());
            if (siblings != null) {
                siblings.remove(key);
                if (siblings.isEmpty()) {
                    podsByOwner.remove(previous.ownerUid());
                }
            }
        }
        if (pod == null) {
            pods.remove(key);
            if (previous != null) {
                attempts.remove(previous.uid());
            }
            return previous;
        }
        pods.put(key, new PodRecord(key, pod.getMetadata().getUid(), ownerUid, owner == null ? null
                : owner.getName()));
        if (ownerUid != null) {
            podsByOwner.computeIfAbsent(ownerUid, k -> new LinkedHashSet<>()).add(key);
        }
        return previous;
    }

    /** Keys of the pods whose controller is the Job with this uid, in creation order. */
    List<ObjectKey> podsOwnedBy(String jobUid) {
        return new ArrayList<>(podsByOwner.getOrDefault(jobUid, Set.of()));
    }

    /** Updates the record of a Job; returns the uid it had (non-null also when it is gone now). */
    String trackJob(ObjectKey key, Job job) {
        String previous = jobUids.get(key);
        if (job == null) {
            jobUids.remove(key);
            if (previous != null) {
                jobsByUid.remove(previous);
            }
            return previous;
        }
        String uid = job.getMetadata().getUid();
        if (previous != null && !previous.equals(uid)) {
            jobsByUid.remove(previous);
        }
        jobUids.put(key, uid);
        jobsByUid.put(uid, key);
        return previous;
    }

    /** The key of the live Job with this uid, or {@code null}. */
    ObjectKey jobByUid(String uid) {
        return jobsByUid.get(uid);
    }

    void recordAttempt(String podUid, int attempt) {
        attempts.put(podUid, attempt);
    }

    int attemptOf(String podUid) {
        return attempts.getOrDefault(podUid, 0);
    }

    static OwnerReference jobController(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference reference : pod.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(reference.getController()) && "Job".equals(reference.getKind())) {
                return reference;
            }
        }
        return null;
    }
}
