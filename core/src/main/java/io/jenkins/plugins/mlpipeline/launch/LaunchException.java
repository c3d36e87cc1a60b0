package io.jenkins.plugins.mlpipeline.launch;

/** A launch that cannot go on; the message is written for the build log and names what to do. */
public class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
