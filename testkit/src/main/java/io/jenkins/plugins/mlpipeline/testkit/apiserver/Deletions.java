package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.List;

/**
 * The API server's part of deleting Pods and Jobs: graceful deletion and the propagation policies
 * (docs: concepts/architecture/garbage-collection.md, reference/using-api/api-concepts.md "Resource deletion").
 * What follows (terminating containers, deleting dependents, removing the {@code orphan} and
 * {@code foregroundDeletion} finalizers) is done by the simulated kubelet and garbage collector.
 */
public final class Deletions {

    public static final String ORPHAN_FINALIZER = "orphan";
    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    /** {@code DeleteOptions.propagationPolicy}. */
    public enum Propagation {
        ORPHAN("Orphan"), BACKGROUND("Background"), FOREGROUND("Foreground");

        private final String wireName;

        Propagation(String wireName) {
            this.wireName = wireName;
        }

        /** Parses the wire value; {@code null} for null, an exception naming the allowed values otherwise. */
        public static Propagation parse(String value) {
            if (value == null) {
                return null;
            }
            for (Propagation propagation : values()) {
                if (propagation.wireName.equals(value)) {
                    return propagation;
                }
            }
            throw new IllegalArgumentException("propagationPolicy: Unsupported value: \"" + value
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
    }

    private final ObjectStore store;

    public Deletions(ObjectStore store) {
        this.store = store;
    }

    /**
     * Deletes a pod gracefully: it gets a deletionTimestamp and stays until the kubelet has stopped its containers
     * and its finalizers are gone. A pod with nothing to stop (never bound, already finished, or grace 0) and no
     * finalizers disappears at once.
     *
     * @param gracePeriodSeconds requested grace, or {@code null} for the pod's own
     * @return the pod as the DELETE answer shows it, or {@code null} if there is none
     */
    public Pod deletePod(String namespace, String name, Long gracePeriodSeconds) {
        return store.locked(() -> {
            Pod pod = store.get(ResourceKind.PODS, namespace, name);
            if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
                return pod;
            }
            long grace = gracePeriodSeconds != null ? Math.max(0, gracePeriodSeconds)
                    : pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
                    : pod.getSpec().getTerminationGracePeriodSeconds();
            boolean nothingToStop = pod.getSpec().getNodeName() == null || PodPhases.isTerminal(pod);
            String now = Timestamps.seconds(store.clock().instant());
            if ((nothingToStop || grace == 0) && finalizers(pod.getMetadata()).isEmpty()) {
                store.remove(ResourceKind.PODS, namespace, name);
                pod.getMetadata().setDeletionTimestamp(now);
                pod.getMetadata().setDeletionGracePeriodSeconds(0L);
                return pod;
            }
            long effectiveGrace = nothingToStop ? 0 : grace;
            return store.update(ResourceKind.PODS, namespace, name, p -> {
                p.getMetadata().setDeletionTimestamp(now);
                p.getMetadata().setDeletionGracePeriodSeconds(effectiveGrace);
            });
        });
    }

    /**
     * Deletes a Job with a propagation policy. Orphan and Foreground add their finalizer and leave the rest to the
     * garbage collector; Background removes the Job at once unless other finalizers hold it.
     *
     * @return the Job as the DELETE answer shows it, or {@code null} if there is none
     */
    public Job deleteJob(String namespace, String name, Propagation propagation) {
        return store.locked(() -> {
            Job job = store.get(ResourceKind.JOBS, namespace, name);
            if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
                return job;
            }
            String now = Timestamps.seconds(store.clock().instant());
            if (propagation == Propagation.BACKGROUND && finalizers(job.getMetadata()).isEmpty()) {
                store.remove(ResourceKind.JOBS, namespace, name);
                job.getMetadata().setDeletionTimestamp(now);
                return job;
            }
            return store.update(ResourceKind.JOBS, namespace, name, j -> {
                List<String> finalizers = new ArrayList<>(finalizers(j.getMetadata()));
                if (propagation == Propagation.ORPHAN && !finalizers.contains(ORPHAN_FINALIZER)) {
                    finalizers.add(ORPHAN_FINALIZER);
                }
                if (propagation == Propagation.FOREGROUND && !finalizers.contains(FOREGROUND_FINALIZER)) {
                    finalizers.add(FOREGROUND_FINALIZER);
                }
                j.getMetadata().setFinalizers(finalizers);
                j.getMetadata().setDeletionTimestamp(now);
                j.getMetadata().setDeletionGracePeriodSeconds(0L);
            });
        });
    }

    /** Removes one finalizer; the object goes away if it was the last one and it is being deleted. */
    public <T extends io.fabric8.kubernetes.api.model.HasMetadata> T removeFinalizer(ResourceKind<T> kind,
            String namespace, String name, String finalizer) {
        return store.update(kind, namespace, name, o -> {
            List<String> finalizers = new ArrayList<>(finalizers(o.getMetadata()));
            finalizers.remove(finalizer);
            o.getMetadata().setFinalizers(finalizers);
        });
    }

    static List<String> finalizers(ObjectMeta meta) {
        return meta.getFinalizers() == null ? List.of() : meta.getFinalizers();
    }
}
