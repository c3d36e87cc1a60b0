package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.time.Duration;

/**
 * Timings of the simulation, shortened from the real cluster's so that tests run fast.
 *
 * @param podFailureBackoff delay before the Job controller re-creates a failed pod, doubled per consecutive failure
 *                          and capped at 60 times itself (real: 10 s doubling, capped at 10 min)
 * @param imagePullBackoff  period of the ErrImagePull / ImagePullBackOff alternation (real: 10 s doubling to 300 s)
 * @param terminationTime   how long a container takes to stop after SIGTERM (real: up to the grace period)
 * @param defaultRunTime    how long a container of an image without a script runs before exiting 0
 */
public record SimulationSettings(Duration podFailureBackoff, Duration imagePullBackoff, Duration terminationTime,
        Duration defaultRunTime) {
}
