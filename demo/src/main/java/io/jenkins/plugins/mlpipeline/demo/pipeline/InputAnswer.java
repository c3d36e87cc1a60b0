package io.jenkins.plugins.mlpipeline.demo.pipeline;

/** How the harness answers an {@code input} step: a person pressing "Proceed" or "Abort". */
public sealed interface InputAnswer {

    /** Proceed, as {@code user}; the step returns the user's id when it asked for {@code submitterParameter}. */
    record Approve(String user) implements InputAnswer {
    }

    /** Abort, as {@code user}: the build ends ABORTED, as Pipeline does for a rejected input. */
    record Reject(String user) implements InputAnswer {
    }

    static InputAnswer approve(String user) {
        return new Approve(user);
    }

    static InputAnswer reject(String user) {
        return new Reject(user);
    }

    /** What the {@code input} step asked. */
    record Request(String id, String message, String ok, String submitter) {
    }
}
