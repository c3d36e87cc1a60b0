package io.jenkins.plugins.mlpipeline.registry;

import java.io.IOException;

/**
 * The model, version or alias asked for does not exist. The message names what was asked for and what exists,
 * so that a Pipeline author can correct the call.
 */
public class NoSuchModelException extends IOException {

    private static final long serialVersionUID = 1L;

    public NoSuchModelException(String message) {
        super(message);
    }
}
