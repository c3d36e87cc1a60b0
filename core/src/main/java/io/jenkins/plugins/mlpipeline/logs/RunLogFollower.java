package io.jenkins.plugins.mlpipeline.logs;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the log of one container across all pod attempts of one run, into a {@link LogSink}, without
 * duplicated or lost lines across dropped streams and controller restarts.
 *
 * <p>How it works: the tracker reports the run's pods through {@link #onPodsChanged(List)}; one worker task on
 * the given executor follows the attempts one at a time in creation order. It opens a container's log once the
 * container runs or has terminated (following it while it runs), emits one {@code [ml] attempt N: ...} header
 * per attempt, and records a {@link LogPosition} line by line. A stream that ends or fails while the container
 * was running when it was opened is reopened with backoff from the position's whole second, and the repeated
 * lines are dropped ({@link ResumeFilter}); a stream opened on a terminated container that ends normally means
 * the attempt is drained and the next one is followed. Status is never derived from the log.
 *
 * <p>Threading: {@link #onPodsChanged(List)}, {@link #position()}, {@link #tail()} and {@link #close()} never
 * block on I/O and may be called from any thread. The sink is called only from the worker, one line at a time.
 * The executor must be able to run one long blocking task per follower (e.g. a cached thread pool). No
 * exception escapes to a caller; problems are logged through {@link java.util.logging}.
 */
public final class RunLogFollower implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(RunLogFollower.class.getName());

    private final PodLogSource source;
    private final String namespace;
    private final String container;
    private final LogSink sink;
    private final Executor executor;
    private final LogFollowSettings settings;

    private final Object lock = new Object();
    /** Held while a line goes to the sink and the position moves past it; never held while reading a stream. */
    private final Object deliveryLock = new Object();
    /** Guarded by lock: the run's pods in creation order, as last reported. */
    private List<PodAttempt> pods = List.of();
    /** Guarded by lock. */
    private LogPosition position;
    /** Guarded by lock: a worker task is queued or running. */
    private boolean workerActive;
    /** Guarded by lock: the stream the worker is reading, closed by {@link #close()}. */
    private InputStream activeStream;
    /** Guarded by lock. */
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    /** Guarded by lock. */
    private final List<CompletableFuture<Void>> drainedWaiters = new ArrayList<>();
    private volatile boolean closed;

    /** Worker-confined (handed between worker tasks through the lock): failures on the current pod. */
    private int consecutiveFailures;
    private int permanentFailures;

    /**
     * @param source opens container logs
     * @param namespace namespace of the run's pods
     * @param container name of the followed container, e.g. {@code main}; a pod without it (a Job launched
     *     elsewhere) is followed on its only or first container
     * @param start where to resume, {@link LogPosition#START} for a new run
     * @param sink receives the lines
     * @param executor runs the blocking reads
     * @param settings line cap, backoff, tail size
     */
    public RunLogFollower(PodLogSource source, String namespace, String container, LogPosition start, LogSink sink,
            Executor executor, LogFollowSettings settings) {
        this.source = Objects.requireNonNull(source, "source");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.container = Objects.requireNonNull(container, "container");
        this.position = Objects.requireNonNull(start, "start");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The run's current pods, in any order. Never blocks and never throws: starts the worker if it is idle.
     */
    public void onPodsChanged(List<Pod> currentPods) {
        try {
            List<PodAttempt> attempts = new ArrayList<>();
            if (currentPods != null) {
                for (Pod pod : currentPods) {
                    PodAttempt attempt = PodAttempt.of(pod, container);
                    if (attempt != null) {
                        attempts.add(attempt);
                    }
                }
            }
            attempts.sort(PodAttempt.CREATION_ORDER);
            boolean startWorker;
            List<CompletableFuture<Void>> nowDrained;
            synchronized (lock) {
                pods = List.copyOf(attempts);
                startWorker = !closed && !workerActive;
                if (startWorker) {
                    workerActive = true;
                }
                nowDrained = takeDrainedWaitersIfDrained();
            }
            complete(nowDrained);
            if (startWorker) {
                startWorker();
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not take pod changes for log follow in " + namespace, e);
        }
    }

    private void startWorker() {
        try {
            executor.execute(this::work);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                workerActive = false;
            }
            LOGGER.warning(() -> "Log follower for " + namespace + " could not start: " + e);
        }
    }

    /** The current resume point; persist it to resume after a restart. */
    public LogPosition position() {
        synchronized (lock) {
            return position;
        }
    }

    /** The last delivered container lines (headers and notices excluded), oldest first; at most the tail size. */
    public List<String> tail() {
        synchronized (lock) {
            return List.copyOf(tail);
        }
    }

    /**
     * Completes when every pod reported so far whose container has terminated (or that ended without starting
     * it) has been drained or given up. Reflects pods reported after this call too. Cancelled by
     * {@link #close()}. Completed on whichever thread made the condition true: chain with {@code ...Async}.
     */
    public CompletableFuture<Void> drained() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        boolean now;
        synchronized (lock) {
            now = allTerminatedDrained();
            if (!now && !closed) {
                drainedWaiters.add(waiter);
            }
        }
        if (now) {
            waiter.complete(null);
        } else if (closed) {
            waiter.cancel(false);
        }
        return waiter;
    }

    /**
     * Waits up to {@code timeout} for {@link #drained()}.
     *
     * @return whether every terminated pod was drained in time; false on timeout, close or interrupt
     */
    public boolean awaitDrained(Duration timeout) {
        try {
            drained().get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            return false;
        }
    }

    /**
     * Stops following promptly: closes the open stream and wakes a waiting worker. Idempotent. When it returns,
     * {@link #position()} accounts for exactly the lines the sink has received.
     */
    @Override
    public void close() {
        InputStream stream;
        List<CompletableFuture<Void>> waiters;
        synchronized (lock) {
            closed = true;
            stream = activeStream;
            activeStream = null;
            waiters = new ArrayList<>(drainedWaiters);
            drainedWaiters.clear();
            lock.notifyAll();
        }
        closeQuietly(stream);
        // Wait for a line being handed to the sink right now, so that once close() returns the position matches
        // exactly what the sink received (the Jenkins step persists both; a mismatch would repeat or lose a line).
        synchronized (deliveryLock) {
            waiters.forEach(w -> w.cancel(false));
        }
    }

    // ---- worker ----

    /** What the worker does next: read one stream of one attempt. */
    private static final class Plan {
        final PodAttempt pod;
        final boolean follow;
        final LogPosition from;

        Plan(PodAttempt pod, boolean follow, LogPosition from) {
            this.pod = pod;
            this.follow = follow;
            this.from = from;
        }
    }

    private void work() {
        try {
            while (!closed) {
                Plan plan;
                synchronized (lock) {
                    plan = planNext();
                    if (plan == null) {
                        // Idle until the next pod change; decided under the lock so no change is missed.
                        workerActive = false;
                    }
                }
                notifyDrainedWaiters();
                if (plan == null) {
                    return;
                }
                readOnce(plan);
            }
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                workerActive = false;
            }
            LOGGER.log(Level.WARNING, "Log follower for " + namespace + " stopped unexpectedly", e);
            if (e instanceof Error) {
                throw (Error) e;
            }
        }
    }

    /** Under lock: moves the position to the attempt to read, skipping attempts that will never have a log. */
    private Plan planNext() {
        while (true) {
            PodAttempt target = chooseTarget();
            if (target == null) {
                return null;
            }
            if (!target.name.equals(position.podName())) {
                position = LogPosition.startOf(target.name, target.created, attemptNumber(target));
                consecutiveFailures = 0;
                permanentFailures = 0;
            }
            switch (target.container) {
                case RUNNING:
                    return new Plan(target, true, position);
                case TERMINATED:
                    return new Plan(target, false, position);
                default:
                    if (target.ended || hasLaterPod(target)) {
                        // Never started and never will: no log to read, no header to show.
                        LOGGER.fine(() -> "Skipping log of pod " + target.name + ": container never started");
                        position = position.drain();
                        continue;
                    }
                    return null;
            }
        }
    }

    /** Under lock: the attempt at or after the position that is not drained yet. */
    private PodAttempt chooseTarget() {
        boolean positionPodListed = false;
        for (PodAttempt pod : pods) {
            if (position.isStart()) {
                return pod;
            }
            int order = pod.compareToPosition(position);
            if (order == 0) {
                positionPodListed = true;
            }
            if (order < 0 || (order == 0 && position.drained())) {
                continue;
            }
            if (order > 0 && !positionPodListed && !position.drained()) {
                return PodAttempt.vanished(position, container);
            }
            return pod;
        }
        // With no pods listed at all the run's pods are gone or not reported yet: nothing to try.
        if (!position.isStart() && !positionPodListed && !position.drained() && !pods.isEmpty()) {
            return PodAttempt.vanished(position, container);
        }
        return null;
    }

    private boolean hasLaterPod(PodAttempt pod) {
        return PodAttempt.CREATION_ORDER.compare(pods.get(pods.size() - 1), pod) > 0;
    }

    private int attemptNumber(PodAttempt target) {
        int index = pods.indexOf(target) + 1;
        return position.isStart() ? Math.max(1, index) : Math.max(index, position.attempt() + 1);
    }

    /** Opens one stream and delivers its new lines; on return the next step is planned from fresh state. */
    private void readOnce(Plan plan) {
        InputStream in;
        try {
            in = source.open(namespace, plan.pod.name, plan.pod.containerName, plan.from.resumeSince(), plan.follow);
        } catch (IOException | RuntimeException e) {
            onFailure(plan, e);
            return;
        }
        if (!register(in)) {
            closeQuietly(in);
            return;
        }
        try {
            int delivered = pump(plan, in);
            if (closed) {
                return;
            }
            if (!plan.follow) {
                finishAttempt(plan, null);
                return;
            }
            // The container was running when we opened: the end may be its exit or a dropped connection.
            // Reopen after a pause; by then the tracker has usually reported it terminated.
            consecutiveFailures = delivered > 0 ? 1 : consecutiveFailures + 1;
            pause(settings.backoff(consecutiveFailures));
        } catch (IOException | RuntimeException e) {
            onFailure(plan, e);
        } finally {
            unregister(in);
        }
    }

    /** Delivers the stream's new lines; returns how many were delivered. */
    private int pump(Plan plan, InputStream in) throws IOException {
        ResumeFilter filter = new ResumeFilter(plan.from);
        BoundedLineReader reader = new BoundedLineReader(in, settings.maxLineBytes());
        int delivered = 0;
        BoundedLineReader.RawLine raw;
        while (!closed && (raw = reader.readLine()) != null) {
            if (!raw.terminated() && plan.follow) {
                // A line cut by the end of a live stream is incomplete; the reopened stream repeats it whole.
                break;
            }
            TimestampedLine line = TimestampedLine.parse(raw.text());
            if (filter.accept(line.timestamp())) {
                deliver(plan, line);
                delivered++;
                consecutiveFailures = 0;
                permanentFailures = 0;
            }
        }
        return delivered;
    }

    private void deliver(Plan plan, TimestampedLine line) {
        announceIfNeeded(plan);
        synchronized (deliveryLock) {
            if (closed) {
                return;
            }
            emit(line.text());
            synchronized (lock) {
                if (line.timestamp() != null) {
                    position = position.afterLine(line.timestamp());
                }
                if (settings.tailLines() > 0) {
                    if (tail.size() == settings.tailLines()) {
                        tail.removeFirst();
                    }
                    tail.addLast(line.text());
                }
            }
        }
    }

    private void announceIfNeeded(Plan plan) {
        synchronized (deliveryLock) {
            LogPosition current = position();
            if (current.announced() || closed) {
                return;
            }
            emit(plan.pod.header(current.attempt()));
            synchronized (lock) {
                position = position.announce();
            }
        }
    }

    private void onFailure(Plan plan, Exception e) {
        if (closed) {
            return;
        }
        boolean permanent = e instanceof PodLogException && ((PodLogException) e).isPermanent();
        if (permanent && ++permanentFailures >= settings.maxPermanentFailures()) {
            finishAttempt(plan, e.getMessage());
            return;
        }
        consecutiveFailures++;
        Duration delay = settings.backoff(consecutiveFailures);
        LOGGER.log(Level.FINE, e, () -> "Log of pod " + namespace + "/" + plan.pod.name + " failed, retrying in "
                + delay.toMillis() + " ms");
        pause(delay);
    }

    /** The attempt's log is complete ({@code giveUpReason == null}) or will never be readable. */
    private void finishAttempt(Plan plan, String giveUpReason) {
        announceIfNeeded(plan);
        if (giveUpReason != null) {
            LOGGER.log(Level.INFO, "Giving up log of pod {0}/{1}: {2}",
                    new Object[] {namespace, plan.pod.name, giveUpReason});
            if (!closed) {
                emit("[ml] log of pod " + plan.pod.name + " unavailable: " + giveUpReason);
            }
        }
        synchronized (lock) {
            if (plan.pod.name.equals(position.podName())) {
                position = position.drain();
            }
        }
        notifyDrainedWaiters();
    }

    private void emit(String text) {
        try {
            sink.line(text);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Log sink failed for a line of " + namespace, e);
        }
    }

    private void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long remaining;
            while (!closed && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean register(InputStream in) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            activeStream = in;
            return true;
        }
    }

    private void unregister(InputStream in) {
        synchronized (lock) {
            if (activeStream == in) {
                activeStream = null;
            }
        }
        closeQuietly(in);
    }

    // ---- drained tracking ----

    /** Completes waiters whose condition became true; outside the lock, as completion runs their dependants. */
    private void notifyDrainedWaiters() {
        List<CompletableFuture<Void>> nowDrained;
        synchronized (lock) {
            nowDrained = takeDrainedWaitersIfDrained();
        }
        complete(nowDrained);
    }

    /** Under lock. */
    private List<CompletableFuture<Void>> takeDrainedWaitersIfDrained() {
        if (drainedWaiters.isEmpty() || !allTerminatedDrained()) {
            return List.of();
        }
        List<CompletableFuture<Void>> taken = new ArrayList<>(drainedWaiters);
        drainedWaiters.clear();
        return taken;
    }

    /** Under lock. */
    private boolean allTerminatedDrained() {
        for (PodAttempt pod : pods) {
            boolean hasFinalLog = pod.container == PodAttempt.Container.TERMINATED
                    || (pod.container == PodAttempt.Container.NOT_STARTED && pod.ended);
            if (!hasFinalLog) {
                continue;
            }
            if (position.isStart()) {
                return false;
            }
            int order = pod.compareToPosition(position);
            if (order > 0 || (order == 0 && !position.drained())) {
                return false;
            }
        }
        return true;
    }

    private static void complete(List<CompletableFuture<Void>> waiters) {
        waiters.forEach(w -> w.complete(null));
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "Closing a log stream failed", e);
        }
    }
}
