package io.jenkins.plugins.mlpipeline.logs;

import java.io.IOException;

/** The API server refused to open a pod log; carries the HTTP status so callers can tell "gone" from "flaky". */
public class PodLogException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    /**
     * @param message what failed, naming the pod
     * @param statusCode HTTP status of the refusal, or 0 if there was no HTTP answer
     * @param cause underlying error, may be {@code null}
     */
    public PodLogException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** HTTP status of the refusal, or 0 if unknown. */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Whether retrying cannot help: the pod or container is gone or invalid (400, 404, 410) or we may not read it
     * (403). 401 is not permanent: an expired token is re-obtained by the client.
     */
    public boolean isPermanent() {
        return statusCode == 400 || statusCode == 403 || statusCode == 404 || statusCode == 410;
    }
}
