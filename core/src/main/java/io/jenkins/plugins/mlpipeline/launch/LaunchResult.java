package io.jenkins.plugins.mlpipeline.launch;

import io.jenkins.plugins.mlpipeline.RunRef;

/**
 * @param ref     the Job (namespace, name, uid)
 * @param adopted true when the Job already existed for this run identity (a retried or resumed launch)
 */
public record LaunchResult(RunRef ref, boolean adopted) {
}
