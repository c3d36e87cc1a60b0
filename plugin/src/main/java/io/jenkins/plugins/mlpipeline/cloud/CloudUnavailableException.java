package io.jenkins.plugins.mlpipeline.cloud;

/**
 * A Kubernetes cloud could not hand out a client (bad credentials, unreachable configuration). Unchecked because
 * the engine obtains clients through a {@link java.util.function.Supplier} and treats a failure like an API
 * outage: it retries until its limit.
 */
public class CloudUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CloudUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
