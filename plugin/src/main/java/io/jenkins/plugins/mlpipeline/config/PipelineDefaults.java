package io.jenkins.plugins.mlpipeline.config;

import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import java.time.Duration;

/**
 * The administrator's defaults and policies as the steps read them: a plain value, so the steps can be tested
 * without a Jenkins instance. Built from {@link MlPipelineConfiguration#toDefaults()}.
 *
 * @param defaultCloud          Kubernetes cloud used when a step names none; null for the built-in choice
 * @param defaultNamespace      namespace used when neither the step nor its pod template names one; null if unset
 * @param defaultTimeout        mlTrain's timeout (the Job's activeDeadlineSeconds) when the step gives none
 * @param imagePullGrace        how long an image pull may fail before the run fails
 * @param pendingTimeout        how long a pod may stay unschedulable before the run fails
 * @param allowedImages         regular expression every image must match; null or blank allows any image
 * @param restrictedPodSecurity whether a step's podYaml is checked for privileged settings
 * @param outputsImage          image of the output sidecar of runs with {@code outputs}
 * @param outputLimits          the most bytes and files accepted from one run's outputs
 */
public record PipelineDefaults(String defaultCloud, String defaultNamespace, Duration defaultTimeout,
                               Duration imagePullGrace, Duration pendingTimeout, String allowedImages,
                               boolean restrictedPodSecurity, String outputsImage, OutputLimits outputLimits) {

    /** No run without a deadline: 24 hours unless the administrator says otherwise. */
    public static final Duration BUILT_IN_TIMEOUT = Duration.ofHours(24);
    public static final Duration BUILT_IN_IMAGE_PULL_GRACE = Duration.ofMinutes(3);
    public static final Duration BUILT_IN_PENDING_TIMEOUT = Duration.ofMinutes(15);
    /** Small, and has sh, sleep, kill and tar: all the output sidecar runs. */
    public static final String BUILT_IN_OUTPUTS_IMAGE = "busybox:1.37";

    public static PipelineDefaults builtIn() {
        return new PipelineDefaults(null, null, BUILT_IN_TIMEOUT, BUILT_IN_IMAGE_PULL_GRACE, BUILT_IN_PENDING_TIMEOUT,
                null, true, BUILT_IN_OUTPUTS_IMAGE, OutputLimits.DEFAULT);
    }
}
