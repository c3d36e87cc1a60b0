package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread every controller, the scheduler and the kubelets run on. Keeping all simulation state confined to
 * it needs no locks, and idle objects cost nothing: work happens only on events and timers.
 *
 * <p>While paused, tasks and due timers are kept in arrival order and run on resume, which freezes the whole
 * simulated control plane (the API server keeps answering).
 */
public final class SimulationLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulationLoop.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private final List<Runnable> deferred = new ArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private volatile Thread thread;

    public SimulationLoop() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "cluster-emulator-simulation");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs a task on the loop, after everything submitted before. */
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> runOrDefer(task));
        }
    }

    /** Runs a task on the loop after everything submitted before, even while paused (for shutdown). */
    public void executeDespitePause(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> run(task));
        }
    }

    /** Runs a task on the loop after a delay; the returned handle cancels it. */
    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return null;
        }
        return executor.schedule(() -> runOrDefer(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        // Stay paused until this task runs: whatever is queued before it is deferred too, so nothing overtakes.
        executor.execute(() -> {
            paused = false;
            List<Runnable> backlog = new ArrayList<>(deferred);
            deferred.clear();
            backlog.forEach(this::run);
        });
    }

    /** Waits until every task submitted before this call has run (useful in tests and at shutdown). */
    public void awaitIdle(Duration timeout) {
        if (Thread.currentThread() == thread || executor.isShutdown()) {
            return;
        }
        try {
            executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.FINE, "simulation loop did not become idle", e);
        }
    }

    /** Failures of simulation tasks (bugs of the emulator); logged and kept so tests can assert there were none. */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private void runOrDefer(Runnable task) {
        if (paused) {
            deferred.add(task);
        } else {
            run(task);
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            errors.add(e);
            LOG.log(Level.SEVERE, "cluster emulator simulation task failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
