package io.jenkins.plugins.mlpipeline.outputs;

import java.io.IOException;

/**
 * The output archive (or its {@code result.json}) is not acceptable: unsafe or unsupported entries, a limit exceeded,
 * a truncated or corrupt archive. The message names the entry or field and what is allowed, and is written for the
 * build log.
 */
public class OutputRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    public OutputRejectedException(String message) {
        super(message);
    }

    public OutputRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
