package io.jenkins.plugins.mlpipeline.testkit.apiserver;

/** Label and finalizer names of batch/v1 Jobs (k8s staging/src/k8s.io/api/batch/v1/types.go). */
public final class JobLabels {

    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";
    public static final String LEGACY_JOB_NAME = "job-name";
    public static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";

    private JobLabels() {
    }
}
