package io.jenkins.plugins.mlpipeline.status;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits for states Kubernetes would wait in forever.
 *
 * @param imagePullGrace how long {@code ErrImagePull}/{@code ImagePullBackOff} (and a missing secret or config map,
 *                       {@code CreateContainerConfigError}) may last before the run fails; registries do have
 *                       short outages, so this is not zero
 * @param pendingTimeout how long a pod may stay unschedulable before the run fails; clusters with an autoscaler
 *                       need minutes to add a node
 */
public record ClassifierSettings(Duration imagePullGrace, Duration pendingTimeout) {

    public static final Duration DEFAULT_IMAGE_PULL_GRACE = Duration.ofMinutes(3);
    public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(15);

    public ClassifierSettings {
        Objects.requireNonNull(imagePullGrace, "imagePullGrace");
        Objects.requireNonNull(pendingTimeout, "pendingTimeout");
        if (imagePullGrace.isNegative() || pendingTimeout.isNegative()) {
            throw new IllegalArgumentException("imagePullGrace and pendingTimeout must not be negative");
        }
    }

    public static ClassifierSettings defaults() {
        return new ClassifierSettings(DEFAULT_IMAGE_PULL_GRACE, DEFAULT_PENDING_TIMEOUT);
    }
}
