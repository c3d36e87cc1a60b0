package io.jenkins.plugins.mlpipeline.logs;

import java.time.Instant;

/**
 * Drops the lines a reopened log stream repeats. The stream is reopened from the whole second containing the
 * position's last line, so it repeats every line before that line's timestamp in that second and the lines that
 * share the timestamp; the position counted how many of the latter were delivered.
 *
 * <p>One filter per opened stream. Lines without a timestamp cannot be placed: they are dropped while the filter
 * is still skipping and delivered once it has passed the resume point.
 */
final class ResumeFilter {

    private final Instant resumeTime;
    private final int linesToSkipAtResumeTime;
    private int skippedAtResumeTime;
    private boolean passed;

    /** A filter for a stream opened at {@code position}'s {@link LogPosition#resumeSince()}. */
    ResumeFilter(LogPosition position) {
        this.resumeTime = position.lineTime();
        this.linesToSkipAtResumeTime = position.linesAtLineTime();
        this.passed = resumeTime == null;
    }

    /** Whether a line carrying {@code timestamp} (nullable) is new and must be delivered. */
    boolean accept(Instant timestamp) {
        if (passed) {
            return true;
        }
        if (timestamp == null) {
            return false;
        }
        int order = timestamp.compareTo(resumeTime);
        if (order < 0) {
            return false;
        }
        if (order == 0 && skippedAtResumeTime < linesToSkipAtResumeTime) {
            skippedAtResumeTime++;
            return false;
        }
        passed = true;
        return true;
    }
}
