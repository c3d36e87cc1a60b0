package io.jenkins.plugins.mlpipeline;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.status.PodStates;

import java.util.ArrayList;
import java.util.List;

/** Reading the pods of one Job directly from the API server (the tracker's caches hold the same for watched Jobs). */
public final class JobPods {

    private JobPods() {
    }

    /**
     * The Job's pods, oldest first. Selected by the Job's uid when known (the legacy {@code controller-uid} label,
     * set on every Kubernetes version, cannot match a Job of the same name created later), else by its name.
     */
    public static List<Pod> list(KubernetesClient client, String namespace, String jobName, String jobUid) {
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace)
                .withLabel(jobUid != null ? JobLabels.LEGACY_CONTROLLER_UID : JobLabels.LEGACY_JOB_NAME,
                        jobUid != null ? jobUid : jobName)
                .list().getItems());
        if (jobUid != null) {
            pods.removeIf(p -> !ownedBy(p, jobUid));
        }
        pods.sort(PodStates.BY_CREATION);
        return pods;
    }

    /** True unless the pod names a controller other than the Job with this uid. */
    public static boolean ownedBy(Pod pod, String jobUid) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners == null || owners.isEmpty() || owners.stream().anyMatch(o -> jobUid.equals(o.getUid()));
    }
}
