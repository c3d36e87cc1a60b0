package io.jenkins.plugins.mlpipeline.status;

import java.util.Objects;

/**
 * The classification of a run at one instant.
 *
 * @param phase    where the run stands
 * @param reason   a short machine-readable cause, e.g. {@code OOMKilled}, {@code ImagePullBackOff}; empty when none
 * @param message  a sentence for the build log naming the real cause; empty when none
 * @param deleteJob true when the engine should delete the Job because Kubernetes would otherwise keep it
 *                  waiting forever (image pull failures, unschedulable past the pending timeout)
 */
public record RunVerdict(RunPhase phase, String reason, String message, boolean deleteJob) {

    public RunVerdict {
        Objects.requireNonNull(phase, "phase");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
    }

    public static RunVerdict pending(String reason, String message) {
        return new RunVerdict(RunPhase.PENDING, reason, message, false);
    }

    public static RunVerdict running() {
        return new RunVerdict(RunPhase.RUNNING, "", "", false);
    }

    public static RunVerdict succeeded(String message) {
        return new RunVerdict(RunPhase.SUCCEEDED, "Complete", message, false);
    }

    public static RunVerdict failed(String reason, String message) {
        return new RunVerdict(RunPhase.FAILED, reason, message, false);
    }

    /** A failure where the Job must also be deleted, because Kubernetes would keep retrying forever. */
    public static RunVerdict failedAndDelete(String reason, String message) {
        return new RunVerdict(RunPhase.FAILED, reason, message, true);
    }

    public static RunVerdict cancelled(String reason, String message) {
        return new RunVerdict(RunPhase.CANCELLED, reason, message, false);
    }

    public boolean isFinal() {
        return phase.isFinal();
    }
}
