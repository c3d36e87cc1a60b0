package io.jenkins.plugins.mlpipeline.track;

import io.jenkins.plugins.mlpipeline.RunRef;

/** A run being tracked. Closing it stops the notifications; it does not touch the Job. */
public interface RunSubscription extends AutoCloseable {

    RunRef ref();

    /**
     * Records that Jenkins itself is deleting the Job (build aborted), so its disappearance is reported as that and
     * not as a deletion by someone else.
     */
    void markCancelledByJenkins();

    @Override
    void close();
}
