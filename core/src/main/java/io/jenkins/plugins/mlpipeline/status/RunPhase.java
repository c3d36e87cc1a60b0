package io.jenkins.plugins.mlpipeline.status;

/** Where a remote training run stands, as the engine reports it to its caller. */
public enum RunPhase {
    /** Accepted but not running yet: no pod, scheduling, pulling the image, or waiting for a retry. */
    PENDING,
    /** The main container of the current attempt is running. */
    RUNNING,
    /** The Job completed; the build continues. */
    SUCCEEDED,
    /** The run failed remotely; the build fails with the verdict's message. */
    FAILED,
    /** The Job was deleted or suspended by someone else; the build is aborted. */
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
