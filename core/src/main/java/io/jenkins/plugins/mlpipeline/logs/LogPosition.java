package io.jenkins.plugins.mlpipeline.logs;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the log of a run has been delivered up to: which pod attempt, whether that attempt's log is fully
 * drained, and the resume point inside it.
 *
 * <p>Kubernetes can only resume a log by whole seconds ({@code sinceTime}), while several lines may share one
 * timestamp. The resume point is therefore the timestamp of the last delivered line (nanosecond precision)
 * plus how many delivered lines carried exactly that timestamp: after a reconnect from the enclosing second,
 * lines before the timestamp and the first {@link #linesAtLineTime()} lines at it are duplicates.
 *
 * <p>Immutable and {@link Serializable}: Jenkins persists it with the step execution across controller
 * restarts. Deliberately a plain class with primitive and {@code String} fields (no record, no
 * {@code java.time} fields) so that Java serialization, JBoss Marshalling and XStream all handle it.
 */
public final class LogPosition implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing delivered yet, no pod chosen. */
    public static final LogPosition START = new LogPosition(null, null, 0, false, false, false, 0L, 0, 0);

    private final String podName;
    /** The pod's {@code metadata.creationTimestamp} as the API gave it; orders attempts if the pod is gone. */
    private final String podCreated;
    private final int attempt;
    /** The attempt header line was emitted for this pod. */
    private final boolean announced;
    private final boolean drained;
    private final boolean hasLineTime;
    private final long lineEpochSecond;
    private final int lineNano;
    private final int linesAtLineTime;

    private LogPosition(String podName, String podCreated, int attempt, boolean announced, boolean drained,
            boolean hasLineTime, long lineEpochSecond, int lineNano, int linesAtLineTime) {
        this.podName = podName;
        this.podCreated = podCreated;
        this.attempt = attempt;
        this.announced = announced;
        this.drained = drained;
        this.hasLineTime = hasLineTime;
        this.lineEpochSecond = lineEpochSecond;
        this.lineNano = lineNano;
        this.linesAtLineTime = linesAtLineTime;
    }

    /**
     * The beginning of a pod attempt's log, nothing delivered from it yet.
     *
     * @param podName name of the pod, not blank
     * @param podCreated the pod's creationTimestamp (RFC 3339) or {@code null} if unknown
     * @param attempt 1-based attempt number shown in the header line
     */
    public static LogPosition startOf(String podName, String podCreated, int attempt) {
        if (podName == null || podName.isBlank()) {
            throw new IllegalArgumentException("podName must not be blank");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        return new LogPosition(podName, podCreated, attempt, false, false, false, 0L, 0, 0);
    }

    /** The position after one more delivered line carrying {@code timestamp}. */
    public LogPosition afterLine(Instant timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        requirePod();
        int count = timestamp.equals(lineTime()) ? linesAtLineTime + 1 : 1;
        return new LogPosition(podName, podCreated, attempt, announced, drained, true,
                timestamp.getEpochSecond(), timestamp.getNano(), count);
    }

    /** The same position with the attempt header marked as emitted. */
    public LogPosition announce() {
        requirePod();
        return new LogPosition(podName, podCreated, attempt, true, drained, hasLineTime, lineEpochSecond, lineNano,
                linesAtLineTime);
    }

    /** The same position with the pod's log marked as completely delivered. */
    public LogPosition drain() {
        requirePod();
        return new LogPosition(podName, podCreated, attempt, announced, true, hasLineTime, lineEpochSecond, lineNano,
                linesAtLineTime);
    }

    private void requirePod() {
        if (podName == null) {
            throw new IllegalStateException("LogPosition.START has no pod; use startOf(..) first");
        }
    }

    public boolean isStart() {
        return podName == null;
    }

    /** Pod of the attempt, {@code null} for {@link #START}. */
    public String podName() {
        return podName;
    }

    /** The pod's creationTimestamp as reported by the API, or {@code null}. */
    public String podCreated() {
        return podCreated;
    }

    /** 1-based attempt number, 0 for {@link #START}. */
    public int attempt() {
        return attempt;
    }

    public boolean announced() {
        return announced;
    }

    public boolean drained() {
        return drained;
    }

    /** Timestamp of the last delivered line of this pod, or {@code null} if none carried one yet. */
    public Instant lineTime() {
        return hasLineTime ? Instant.ofEpochSecond(lineEpochSecond, lineNano) : null;
    }

    /** How many delivered lines carried exactly {@link #lineTime()}. */
    public int linesAtLineTime() {
        return linesAtLineTime;
    }

    /**
     * The {@code sinceTime} to reopen the log from: the last line's timestamp truncated to whole seconds (all
     * the API honours), or {@code null} to read from the beginning of the pod's log.
     */
    public Instant resumeSince() {
        return hasLineTime ? Instant.ofEpochSecond(lineEpochSecond) : null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LogPosition)) {
            return false;
        }
        LogPosition that = (LogPosition) o;
        return attempt == that.attempt && announced == that.announced && drained == that.drained
                && hasLineTime == that.hasLineTime && lineEpochSecond == that.lineEpochSecond
                && lineNano == that.lineNano && linesAtLineTime == that.linesAtLineTime
                && Objects.equals(podName, that.podName) && Objects.equals(podCreated, that.podCreated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(podName, podCreated, attempt, announced, drained, hasLineTime, lineEpochSecond, lineNano,
                linesAtLineTime);
    }

    @Override
    public String toString() {
        if (isStart()) {
            return "LogPosition[START]";
        }
        return "LogPosition[pod=" + podName + ", attempt=" + attempt + (announced ? ", announced" : "")
                + (drained ? ", drained" : "") + ", lineTime=" + lineTime() + " x" + linesAtLineTime + "]";
    }
}
