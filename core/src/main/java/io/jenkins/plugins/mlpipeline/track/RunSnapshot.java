package io.jenkins.plugins.mlpipeline.track;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;

import java.util.List;

/**
 * The tracker's view of a run at one instant. The objects come from the informer caches: treat them as read-only.
 *
 * @param ref     the run (with uid once the Job was seen)
 * @param job     the Job as last observed; null if it was never seen
 * @param pods    the Job's pods as observed, oldest first
 * @param verdict the classification of this state
 */
public record RunSnapshot(RunRef ref, Job job, List<Pod> pods, RunVerdict verdict) {

    public RunSnapshot {
        pods = List.copyOf(pods);
    }
}
