package io.jenkins.plugins.mlpipeline.engine;

import io.jenkins.plugins.mlpipeline.logs.LogFollowSettings;
import io.jenkins.plugins.mlpipeline.track.TrackerSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TrainingEngine}.
 *
 * @param tracker        tracking, classification limits and API-outage limit
 * @param logs           log following
 * @param logDrainWait   how long a finished run waits for its last log lines before it reports (they make the
 *                       failure message useful; the status never waits on them longer than this)
 * @param cancelWait     how long a cancel waits to confirm the pods are gone
 * @param failureTailLines how many of the last log lines a failure message quotes
 */
public record EngineSettings(TrackerSettings tracker, LogFollowSettings logs, Duration logDrainWait, Duration cancelWait,
                             int failureTailLines) {

    public EngineSettings {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(logDrainWait, "logDrainWait");
        Objects.requireNonNull(cancelWait, "cancelWait");
        if (failureTailLines < 0) {
            throw new IllegalArgumentException("failureTailLines must not be negative");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(TrackerSettings.defaults(), LogFollowSettings.DEFAULTS, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 20);
    }

    public EngineSettings withTracker(TrackerSettings t) {
        return new EngineSettings(t, logs, logDrainWait, cancelWait, failureTailLines);
    }

    public EngineSettings withLogs(LogFollowSettings l) {
        return new EngineSettings(tracker, l, logDrainWait, cancelWait, failureTailLines);
    }
}
