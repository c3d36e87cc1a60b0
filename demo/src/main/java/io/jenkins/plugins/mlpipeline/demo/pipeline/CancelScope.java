package io.jenkins.plugins.mlpipeline.demo.pipeline;

/**
 * A body that may be aborted as a whole: the build, a {@code timeout} block, a branch of a {@code failFast}
 * {@code parallel}. Aborting a scope aborts everything nested in it; whatever waits (a running step, {@code input},
 * {@code sleep}) checks its scope and stops the step it runs, as Pipeline interrupts the body of a timeout.
 */
final class CancelScope {

    private final CancelScope parent;
    private volatile Throwable cause;

    private CancelScope(CancelScope parent) {
        this.parent = parent;
    }

    static CancelScope root() {
        return new CancelScope(null);
    }

    CancelScope child() {
        return new CancelScope(this);
    }

    /** Aborts this scope with {@code why}; the first cause wins. */
    synchronized void cancel(Throwable why) {
        if (cause == null) {
            cause = why;
        }
    }

    /** Why this scope itself was aborted (not an enclosing one), or null. */
    Throwable ownCancellation() {
        return cause;
    }

    /** Why this scope or an enclosing one was aborted, or null if none was. */
    Throwable cancellation() {
        for (CancelScope s = this; s != null; s = s.parent) {
            Throwable c = s.cause;
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Throws the cancellation, if any: called before each step so an aborted body runs nothing more. */
    void check() throws Exception {
        Throwable c = cancellation();
        if (c instanceof Exception e) {
            throw e;
        }
        if (c instanceof Error e) {
            throw e;
        }
    }
}
