package io.jenkins.plugins.mlpipeline.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers since when a run has been in a waiting state that carries no timestamp of its own (a container's
 * {@code waiting} state has none). Kept in memory per run: after a controller restart the clocks start again,
 * which can only make the engine wait longer, never fail early.
 */
public final class WaitingClocks {

    private final Map<String, Instant> since = new HashMap<>();

    /** Returns when {@code key} was first seen waiting, recording {@code now} if this is the first time. */
    public synchronized Instant since(String key, Instant now) {
        return since.computeIfAbsent(key, k -> now);
    }

    /** Forgets every clock whose key is not in use any more, so a state that recovers and comes back restarts. */
    public synchronized void retainOnly(java.util.Set<String> keysInUse) {
        since.keySet().retainAll(keysInUse);
    }

    /** True while some wait is being timed: only then can the verdict change with nothing but the clock. */
    public synchronized boolean isRunning() {
        return !since.isEmpty();
    }
}
