package io.jenkins.plugins.mlpipeline.engine;

import io.jenkins.plugins.mlpipeline.status.RunVerdict;

/**
 * What a caller (the Jenkins step) hears about a followed run. {@link #log} is called from one thread at a time;
 * {@link #status} and {@link #finished} may come from other engine threads. None of them may block for long.
 */
public interface RunObserver {

    /** A line for the build log: container output, attempt headers, Kubernetes warnings, engine notices. */
    void log(String line);

    /** The run's state changed (pending reason, running...). */
    default void status(RunVerdict verdict) {
    }

    /** Called exactly once when the run has finished and the engine is done with it. */
    void finished(RunResult result);
}
