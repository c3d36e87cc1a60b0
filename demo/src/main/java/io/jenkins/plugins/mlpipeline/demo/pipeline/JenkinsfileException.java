package io.jenkins.plugins.mlpipeline.demo.pipeline;

/** A Jenkinsfile uses something this harness (or Pipeline) does not accept; the message names it and the line. */
public final class JenkinsfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JenkinsfileException(String message) {
        super(message);
    }

    /** The line of the Jenkinsfile the calling thread is at, from its stack (Groovy keeps source lines there). */
    static int currentLine(String scriptClassFile) {
        return lineOf(new Throwable(), scriptClassFile);
    }

    static int lineOf(Throwable t, String scriptClassFile) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (scriptClassFile.equals(e.getFileName()) && e.getLineNumber() > 0) {
                    return e.getLineNumber();
                }
            }
        }
        return -1;
    }
}
