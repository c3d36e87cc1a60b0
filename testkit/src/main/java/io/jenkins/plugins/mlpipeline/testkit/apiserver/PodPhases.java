package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.Pod;

/** Pod phase questions asked in many places. */
public final class PodPhases {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private PodPhases() {
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    public static boolean isTerminal(Pod pod) {
        String phase = phase(pod);
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    public static boolean isBeingDeleted(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }
}
