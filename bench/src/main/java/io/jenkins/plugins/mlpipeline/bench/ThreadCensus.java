package io.jenkins.plugins.mlpipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live threads of this JVM at one moment, to tell which threads a component started: take a census before
 * it starts and compare later. Threads are grouped by name with digits folded ({@code OkHttp TaskRunner},
 * {@code ml-run-tracker}, {@code pool-#-thread-#}).
 */
final class ThreadCensus {

    /**
     * Threads that belong to the emulator (server side) or to the JVM itself (a {@code jmap} or {@code jcmd} attaching),
     * not to the client under test.
     */
    private static final String[] EMULATOR_PREFIXES = {"vert.x-", "vertx-", "cluster-emulator", "Attach Listener"};

    private final Map<Long, String> threads;

    private ThreadCensus(Map<Long, String> threads) {
        this.threads = threads;
    }

    static ThreadCensus take() {
        Map<Long, String> live = new HashMap<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (info != null) {
                live.put(info.getThreadId(), info.getThreadName());
            }
        }
        return new ThreadCensus(live);
    }

    /** Threads alive now that were not alive at {@code before}, emulator threads left out, by folded name. */
    NewThreads since(ThreadCensus before) {
        Map<String, Integer> byGroup = new TreeMap<>();
        int emulator = 0;
        for (Map.Entry<Long, String> t : threads.entrySet()) {
            if (before.threads.containsKey(t.getKey())) {
                continue;
            }
            if (isEmulator(t.getValue())) {
                emulator++;
                continue;
            }
            byGroup.merge(fold(t.getValue()), 1, Integer::sum);
        }
        return new NewThreads(byGroup, emulator);
    }

    static String fold(String name) {
        return name.replaceAll("\\d+", "#");
    }

    private static boolean isEmulator(String name) {
        for (String prefix : EMULATOR_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param byGroup   new client-side threads by folded name
     * @param emulator  new threads of the emulator (not counted against the engine)
     */
    record NewThreads(Map<String, Integer> byGroup, int emulator) {

        /** Threads the engine code itself started (named {@code ml-...}). */
        int ours() {
            return byGroup.entrySet().stream().filter(e -> e.getKey().startsWith("ml-")).mapToInt(Map.Entry::getValue).sum();
        }

        int total() {
            return byGroup.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Threads of the fabric8 client and OkHttp. */
        int client() {
            return total() - ours();
        }

        @Override
        public String toString() {
            return total() + " " + byGroup;
        }
    }
}
