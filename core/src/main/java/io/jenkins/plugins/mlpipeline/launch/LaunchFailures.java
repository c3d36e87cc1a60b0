package io.jenkins.plugins.mlpipeline.launch;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Tells a launch failure worth retrying (the API server unreachable, overloaded or restarting) from one that will
 * fail the same way again (forbidden, invalid Job, missing namespace). A launch is idempotent, so retrying a
 * transient failure can never create a second Job.
 */
public final class LaunchFailures {

    private LaunchFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException) {
                int code = ((KubernetesClientException) t).getCode();
                // No HTTP answer at all (connection refused or reset, timeout) has no code: 0 or -1.
                return code <= 0 || code == 429 || code >= 500;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
