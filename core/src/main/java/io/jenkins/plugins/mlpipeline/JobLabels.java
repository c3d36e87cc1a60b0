package io.jenkins.plugins.mlpipeline;

/**
 * Names of the labels, annotations and finalizer the engine puts on the Jobs (and, through the pod
 * template, the Pods) it launches. They are the contract between launch, tracking and clean-up, and the
 * handles an operator uses with {@code kubectl}.
 */
public final class JobLabels {

    /** Label on every Job and Pod we create; the tracker's informers select on it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "jenkins-ml-pipeline";
    public static final String SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

    /** Label carrying a short stable hash of the run identity (label values are limited to 63 chars). */
    public static final String RUN_HASH = "ml-pipeline.jenkins.io/run-hash";

    /** Annotation carrying the full caller-supplied run identity, e.g. {@code folder/job#42/step-7}. */
    public static final String RUN_ID = "ml-pipeline.jenkins.io/run-id";

    /** Optional lineage annotations filled from the caller's context. */
    public static final String BUILD_URL = "ml-pipeline.jenkins.io/build-url";
    public static final String GIT_COMMIT = "ml-pipeline.jenkins.io/git-commit";

    /**
     * Finalizer on the Job that keeps it (and its status conditions) readable until the engine has recorded
     * the outcome, so a TTL or an operator's delete while the controller is down cannot erase a result.
     */
    public static final String OUTCOME_FINALIZER = "ml-pipeline.jenkins.io/outcome";

    /**
     * Labels the API server puts on every Job pod. The prefixed {@code batch.kubernetes.io/} ones exist since
     * Kubernetes 1.27; the legacy ones on every version.
     */
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_JOB_NAME = "job-name";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";

    /** Name of the training container inside the pod; status comes from this container only. */
    public static final String MAIN_CONTAINER = "main";

    /** The output sidecar: waits beside the main container until its outputs have been collected. */
    public static final String OUTPUTS_CONTAINER = "ml-outputs";
    /** The emptyDir shared by the main container and the output sidecar. */
    public static final String OUTPUTS_VOLUME = "ml-outputs";

    private JobLabels() {
    }
}
