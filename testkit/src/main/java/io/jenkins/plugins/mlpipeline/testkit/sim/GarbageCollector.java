package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Deletions;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.JobLabels;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectKey;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector's handling of Job dependents (docs: concepts/architecture/garbage-collection.md):
 * orphaning strips the owner reference from the pods, foreground deletion deletes the pods and removes the
 * {@code foregroundDeletion} finalizer once they are gone, and pods whose owner disappeared are deleted.
 */
final class GarbageCollector {

    private final ObjectStore store;
    private final ClusterState state;
    private final Deletions deletions;

    GarbageCollector(ObjectStore store, ClusterState state, Deletions deletions) {
        this.store = store;
        this.state = state;
        this.deletions = deletions;
    }

    /** A Job changed; acts when it is being deleted with the orphan or foreground finalizer. */
    void onJob(ObjectKey key, Job job) {
        if (job == null || job.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        List<String> finalizers = job.getMetadata().getFinalizers() == null ? List.of()
                : job.getMetadata().getFinalizers();
        String uid = job.getMetadata().getUid();
        if (finalizers.contains(Deletions.ORPHAN_FINALIZER)) {
            for (ObjectKey podKey : state.podsOwnedBy(uid)) {
                store.update(ResourceKind.PODS, podKey.namespace(), podKey.name(), pod -> orphan(pod, uid));
            }
            deletions.removeFinalizer(ResourceKind.JOBS, key.namespace(), key.name(), Deletions.ORPHAN_FINALIZER);
        } else if (finalizers.contains(Deletions.FOREGROUND_FINALIZER)) {
            List<ObjectKey> dependents = state.podsOwnedBy(uid);
            if (dependents.isEmpty()) {
                deletions.removeFinalizer(ResourceKind.JOBS, key.namespace(), key.name(),
                        Deletions.FOREGROUND_FINALIZER);
                return;
            }
            for (ObjectKey podKey : dependents) {
                deletions.deletePod(podKey.namespace(), podKey.name(), null);
            }
        }
    }

    /** The owner Job is gone (Background deletion): its remaining pods are deleted. */
    void onOwnerGone(String jobUid) {
        for (ObjectKey podKey : state.podsOwnedBy(jobUid)) {
            deletions.deletePod(podKey.namespace(), podKey.name(), null);
        }
    }

    /** A dependent changed or disappeared: an owner in foreground deletion may now be free to go. */
    void onDependentChanged(String ownerUid) {
        ObjectKey owner = ownerUid == null ? null : state.jobByUid(ownerUid);
        if (owner != null) {
            onJob(owner, store.get(ResourceKind.JOBS, owner.namespace(), owner.name()));
        }
    }

    /** Drops the owner reference (and the Job controller drops its tracking finalizer from the orphan). */
    private static void orphan(Pod pod, String ownerUid) {
        List<OwnerReference> remaining = new ArrayList<>();
        if (pod.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference reference : pod.getMetadata().getOwnerReferences()) {
                if (!ownerUid.equals(reference.getUid())) {
                    remaining.add(reference);
                }
            }
        }
        pod.getMetadata().setOwnerReferences(remaining);
        if (pod.getMetadata().getFinalizers() != null) {
            List<String> finalizers = new ArrayList<>(pod.getMetadata().getFinalizers());
            finalizers.remove(JobLabels.TRACKING_FINALIZER);
            pod.getMetadata().setFinalizers(finalizers);
        }
    }
}
