package io.jenkins.plugins.mlpipeline.track;

import io.jenkins.plugins.mlpipeline.status.ClassifierSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link RunTracker}.
 *
 * @param classifier      limits for waits Kubernetes would keep up forever
 * @param tick            how often time-limited waits and API health are re-checked
 * @param resync          how often each watched namespace is re-listed as a safety net for missed deletions
 * @param apiUnavailableLimit how long the API may be unreachable before tracked runs fail; until then the tracker
 *                        keeps retrying with back-off
 * @param clientRefreshMinInterval least time between two re-obtained clients after {@code 401 Unauthorized}
 * @param clock           time source
 */
public record TrackerSettings(ClassifierSettings classifier, Duration tick, Duration resync, Duration apiUnavailableLimit,
                              Duration clientRefreshMinInterval, Clock clock) {

    public TrackerSettings {
        Objects.requireNonNull(classifier, "classifier");
        requirePositive(tick, "tick");
        requirePositive(resync, "resync");
        requirePositive(apiUnavailableLimit, "apiUnavailableLimit");
        Objects.requireNonNull(clientRefreshMinInterval, "clientRefreshMinInterval");
        Objects.requireNonNull(clock, "clock");
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(ClassifierSettings.defaults(), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(15), Duration.ofSeconds(5), Clock.systemUTC());
    }

    public TrackerSettings withClassifier(ClassifierSettings c) {
        return new TrackerSettings(c, tick, resync, apiUnavailableLimit, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withTick(Duration d) {
        return new TrackerSettings(classifier, d, resync, apiUnavailableLimit, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withResync(Duration d) {
        return new TrackerSettings(classifier, tick, d, apiUnavailableLimit, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withApiUnavailableLimit(Duration d) {
        return new TrackerSettings(classifier, tick, resync, d, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withClientRefreshMinInterval(Duration d) {
        return new TrackerSettings(classifier, tick, resync, apiUnavailableLimit, d, clock);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
