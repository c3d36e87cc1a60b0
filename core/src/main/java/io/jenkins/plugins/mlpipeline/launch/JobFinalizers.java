package io.jenkins.plugins.mlpipeline.launch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;

import java.util.List;

/**
 * Removes the outcome finalizer once the outcome is recorded, so the Job can finally go (TTL, foreground delete).
 *
 * <p>The patch is a JSON patch that first tests the element it removes: finalizer lists are edited concurrently by
 * the garbage collector ({@code foregroundDeletion}), and an index-based remove without the test could drop
 * someone else's finalizer.
 */
public final class JobFinalizers {

    private static final int ATTEMPTS = 5;

    private JobFinalizers() {
    }

    /** Returns true if the finalizer was present and is now removed; false if the Job or the finalizer was gone. */
    public static boolean release(KubernetesClient client, RunRef ref) {
        for (int attempt = 1; ; attempt++) {
            Job job = client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
            if (job == null || (ref.uid() != null && !ref.uid().equals(job.getMetadata().getUid()))) {
                return false;
            }
            List<String> finalizers = job.getMetadata().getFinalizers();
            int index = finalizers == null ? -1 : finalizers.indexOf(JobLabels.OUTCOME_FINALIZER);
            if (index < 0) {
                return false;
            }
            String path = "/metadata/finalizers/" + index;
            String patch = "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":\"" + JobLabels.OUTCOME_FINALIZER + "\"},"
                    + "{\"op\":\"remove\",\"path\":\"" + path + "\"}]";
            try {
                client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name())
                        .patch(PatchContext.of(PatchType.JSON), patch);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return false;
                }
                if (attempt >= ATTEMPTS || (e.getCode() != 409 && e.getCode() != 422 && e.getCode() != 500)) {
                    throw e;
                }
                // The list changed under us (failed test op): read again.
            }
        }
    }
}
