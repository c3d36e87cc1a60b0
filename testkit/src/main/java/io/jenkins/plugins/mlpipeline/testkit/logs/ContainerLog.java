package io.jenkins.plugins.mlpipeline.testkit.logs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log of one container instance as the container runtime keeps it: lines with the wall-clock time they were
 * written. Thread-safe: the simulation appends, HTTP handlers read and follow.
 */
public final class ContainerLog {

    /** Lines from some index on, and whether the container has ended (no line will follow). */
    public record Snapshot(List<LogLine> lines, boolean ended) {
    }

    private final Clock clock;
    private final List<LogLine> lines = new ArrayList<>();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private boolean ended;

    public ContainerLog(Clock clock) {
        this.clock = clock;
    }

    /** Appends one or more lines (split at newlines), stamped now. Ignored once the container has ended. */
    public void append(String text) {
        synchronized (this) {
            if (ended) {
                return;
            }
            for (String line : text.split("\r?\n", -1)) {
                lines.add(new LogLine(clock.instant(), line));
            }
        }
        watchers.forEach(Runnable::run);
    }

    /** The container has terminated: followers end once they have read everything. */
    public void end() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        watchers.forEach(Runnable::run);
    }

    public synchronized Snapshot from(int index) {
        return new Snapshot(new ArrayList<>(lines.subList(Math.min(index, lines.size()), lines.size())), ended);
    }

    public synchronized List<LogLine> lines() {
        return new ArrayList<>(lines);
    }

    /** Called (from the writing thread) after lines are appended or the log ends. */
    void addWatcher(Runnable watcher) {
        watchers.add(watcher);
    }

    void removeWatcher(Runnable watcher) {
        watchers.remove(watcher);
    }
}
