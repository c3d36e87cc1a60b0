package io.jenkins.plugins.mlpipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pairs "the Job was completed" (just before the status write is sent) with "the follower noticed", per Job name,
 * and turns the pairs into delays. The write's own round trip is included, so the delays are upper bounds.
 */
final class NoticeClock {

    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> noticedAt = new ConcurrentHashMap<>();

    void completing(String job) {
        completedAt.put(job, System.nanoTime());
    }

    /** Records the first notice of a Job we completed; notices of other Jobs are ignored. */
    void noticed(String job) {
        long now = System.nanoTime();
        if (completedAt.containsKey(job)) {
            noticedAt.putIfAbsent(job, now);
        }
    }

    boolean awaitAll(int expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (noticedAt.size() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    int noticed() {
        return noticedAt.size();
    }

    Percentiles delays() {
        List<Double> ms = new ArrayList<>();
        noticedAt.forEach((job, at) -> ms.add((at - completedAt.get(job)) / 1e6));
        return new Percentiles(ms);
    }
}
