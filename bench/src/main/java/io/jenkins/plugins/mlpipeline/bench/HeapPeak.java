package io.jenkins.plugins.mlpipeline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The peak heap use while some code runs, two ways. <em>Live</em>: the heap in use right after each collection (what
 * survived it), from the collectors' notifications; the caller adds a last reading of its own (see
 * {@link #sampleLive(long)}). <em>Used</em>: the heap in use sampled every few milliseconds on a thread, garbage not
 * yet collected included: this one follows the young generation's size, which the collector chooses from the heap
 * size, far more than the code under test.
 */
final class HeapPeak implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private final AtomicLong peakLive = new AtomicLong(-1);
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapPeak() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapPeak start() {
        return new HeapPeak();
    }

    /** Records a live-heap reading taken by the caller, e.g. after a full collection at the end of the run. */
    void sampleLive(long bytes) {
        peakLive.accumulateAndGet(bytes, Math::max);
    }

    /** Largest heap in use right after a collection, or -1 if none was seen or sampled. */
    long peakLive() {
        return peakLive.get();
    }

    long peakUsed() {
        return peakUsed.get();
    }

    /** Collections that ended while this was open (the caller's own full collections included). */
    int collections() {
        return collections.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to undo
            }
        }
    }

    private void sample() {
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        while (running) {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        collections.incrementAndGet();
        sampleLive(heapOnly(info.getGcInfo().getMemoryUsageAfterGc()));
    }

    /** The after-collection figures cover every pool; metaspace and code cache are not heap. */
    static long heapOnly(Map<String, MemoryUsage> byPool) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : byPool.entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }
}
