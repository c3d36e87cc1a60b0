package io.jenkins.plugins.mlpipeline.launch;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mlpipeline.JobPods;
import io.jenkins.plugins.mlpipeline.RunRef;

import java.time.Duration;
import java.util.Objects;

/**
 * Deletes a run's Job with foreground propagation (the Job stays visible until its pods are gone, so nothing keeps
 * training behind our back), releases our finalizer, and waits a bounded time for the pods to disappear.
 * Idempotent: cancelling a Job that is already gone is a no-op, and a Job of the same name but another uid is
 * never touched.
 */
public final class JobCanceller {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KubernetesClient client;

    public JobCanceller(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * @param ref           the Job
     * @param waitForPods   how long to wait for the pods to be gone; zero to not wait
     */
    public CancelResult cancel(RunRef ref, Duration waitForPods) throws InterruptedException {
        long start = System.nanoTime();
        Job job = client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
        boolean found = job != null && (ref.uid() == null || ref.uid().equals(job.getMetadata().getUid()));
        if (found) {
            client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name())
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            JobFinalizers.release(client, ref);
        }
        String uid = found ? job.getMetadata().getUid() : ref.uid();
        long deadline = start + waitForPods.toNanos();
        int remaining = remainingPods(ref, uid);
        while (remaining != 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            remaining = remainingPods(ref, uid);
        }
        return new CancelResult(ref, found, Math.max(remaining, 0), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Pods of the Job still present, or -1 if the API did not answer: the Job is deleted either way. */
    private int remainingPods(RunRef ref, String uid) {
        try {
            return countPods(ref, uid);
        } catch (KubernetesClientException e) {
            return -1;
        }
    }

    private int countPods(RunRef ref, String uid) {
        return JobPods.list(client, ref.namespace(), ref.name(), uid).size();
    }

    /**
     * @param ref           the Job
     * @param jobFound      whether there was a Job to delete
     * @param podsRemaining pods still present when the wait ended (0 = all gone)
     * @param took          time spent
     */
    public record CancelResult(RunRef ref, boolean jobFound, int podsRemaining, Duration took) {

        /** One line for the build log. */
        public String describe() {
            if (!jobFound) {
                return "Job " + ref + " was already gone";
            }
            if (podsRemaining == 0) {
                return "Deleted Job " + ref + " and its pods";
            }
            return "Deleted Job " + ref + "; " + podsRemaining + " pod(s) still terminating (Kubernetes removes them)";
        }
    }
}
