package io.jenkins.plugins.mlpipeline.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link RunLogFollower}.
 *
 * @param maxLineBytes bytes kept per log line (including the timestamp prefix); the rest is replaced by a marker
 * @param reconnectBackoffMin delay before the first reconnect after a stream ended or failed
 * @param reconnectBackoffMax the delay doubles per consecutive failure up to this
 * @param tailLines how many of the last delivered lines {@link RunLogFollower#tail()} keeps
 * @param maxPermanentFailures consecutive "gone" answers (400/403/404/410) before a pod's log is given up
 */
public record LogFollowSettings(int maxLineBytes, Duration reconnectBackoffMin, Duration reconnectBackoffMax,
        int tailLines, int maxPermanentFailures) {

    /** 64 KiB lines, reconnect after 250 ms doubling up to 10 s, 50 tail lines, give up after 3 "gone" answers. */
    public static final LogFollowSettings DEFAULTS =
            new LogFollowSettings(64 * 1024, Duration.ofMillis(250), Duration.ofSeconds(10), 50, 3);

    public LogFollowSettings {
        if (maxLineBytes < 256) {
            throw new IllegalArgumentException("maxLineBytes must be >= 256, was " + maxLineBytes);
        }
        Objects.requireNonNull(reconnectBackoffMin, "reconnectBackoffMin");
        Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
        if (reconnectBackoffMin.isNegative() || reconnectBackoffMin.isZero()) {
            throw new IllegalArgumentException("reconnectBackoffMin must be > 0, was " + reconnectBackoffMin);
        }
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            throw new IllegalArgumentException("reconnectBackoffMax (" + reconnectBackoffMax
                    + ") must be >= reconnectBackoffMin (" + reconnectBackoffMin + ")");
        }
        if (tailLines < 0) {
            throw new IllegalArgumentException("tailLines must be >= 0, was " + tailLines);
        }
        if (maxPermanentFailures < 1) {
            throw new IllegalArgumentException("maxPermanentFailures must be >= 1, was " + maxPermanentFailures);
        }
    }

    /** Delay before reconnect number {@code consecutiveFailures} (1-based): min * 2^(n-1), capped at max. */
    public Duration backoff(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 30));
        long millis = reconnectBackoffMin.toMillis() << doublings;
        if (millis <= 0 || millis > reconnectBackoffMax.toMillis()) {
            return reconnectBackoffMax;
        }
        return Duration.ofMillis(millis);
    }
}
