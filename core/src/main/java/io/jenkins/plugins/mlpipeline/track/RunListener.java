package io.jenkins.plugins.mlpipeline.track;

/**
 * Receives what the tracker learns about one run. Called on the tracker's single dispatch thread: implementations
 * must return quickly and must not block (hand heavy work to another executor).
 */
public interface RunListener {

    /** The Job or one of its pods changed, or the verdict did. Not called for the final verdict. */
    default void onChange(RunSnapshot snapshot) {
    }

    /** A Kubernetes {@code Warning} event about the Job or one of its pods; each event is reported once. */
    default void onWarning(WarningEvent event) {
    }

    /** Called exactly once, with a final verdict; the subscription ends after it. */
    void onFinished(RunSnapshot snapshot);
}
