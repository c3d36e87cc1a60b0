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
 * @param probeInterval   how often each watched namespace's API reachability is probed (one small list), and how
 *                        long idle informers are kept
 * @param apiUnavailableLimit how long the API may be unreachable before tracked runs fail; until then the tracker
 *                        keeps retrying with back-off
 * @param clientRefreshMinInterval least time between two re-obtained clients after {@code 401 Unauthorized}
 * @param clock           time source
 */
public record TrackerSettings(ClassifierSettings classifier, Duration tick, Duration probeInterval, Duration apiUnavailableLimit,
                              Duration clientRefreshMinInterval, Clock clock) {

    public TrackerSettings {
        Objects.requireNonNull(classifier, "classifier");
        requirePositive(tick, "tick");
        requirePositive(probeInterval, "probeInterval");
        requirePositive(apiUnavailableLimit, "apiUnavailableLimit");
        Objects.requireNonNull(clientRefreshMinInterval, "clientRefreshMinInterval");
        Objects.requireNonNull(clock, "clock");
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(ClassifierSettings.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ofSeconds(5), Clock.systemUTC());
    }

    public TrackerSettings withClassifier(ClassifierSettings c) {
        return new TrackerSettings(c, tick, probeInterval, apiUnavailableLimit, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withTick(Duration d) {
        return new TrackerSettings(classifier, d, probeInterval, apiUnavailableLimit, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withProbeInterval(Duration d) {
        return new TrackerSettings(classifier, tick, d, apiUnavailableLimit, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withApiUnavailableLimit(Duration d) {
        return new TrackerSettings(classifier, tick, probeInterval, d, clientRefreshMinInterval, clock);
    }

    public TrackerSettings withClientRefreshMinInterval(Duration d) {
        return new TrackerSettings(classifier, tick, probeInterval, apiUnavailableLimit, d, clock);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
