package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A running container as an exec sees it: its files and its PID 1. Valid for one run of the container; a restarted
 * container is a new target. Thread-safe.
 */
public final class ExecTarget {

    private final String container;
    private final PodFilesystem files;
    private final SimulationLoop loop;
    private final BiConsumer<ExecTarget, Signal> pid1;
    private final List<Runnable> stopListeners = new ArrayList<>();
    private boolean stopped;

    ExecTarget(String container, PodFilesystem files, SimulationLoop loop, BiConsumer<ExecTarget, Signal> pid1) {
        this.container = container;
        this.files = files;
        this.loop = loop;
        this.pid1 = pid1;
    }

    public String container() {
        return container;
    }

    /**
     * The host path of a path inside the container ({@code /ml/outputs/a}, relative paths start at {@code /}), or
     * {@code null} when nothing can exist there. The path may not exist.
     */
    public Path hostPath(String containerPath) {
        return files.resolve(container, containerPath);
    }

    /** Sends a signal to the container's PID 1, as {@code kill -s <signal> 1} run inside it; handled on the loop. */
    public void signal(Signal signal) {
        loop.execute(() -> pid1.accept(this, signal));
    }

    /**
     * Runs {@code listener} (on the simulation loop; it must only record the fact) when the container stops.
     *
     * @return false when the container has already stopped (the listener is not kept)
     */
    public synchronized boolean addStopListener(Runnable listener) {
        if (stopped) {
            return false;
        }
        stopListeners.add(listener);
        return true;
    }

    public synchronized void removeStopListener(Runnable listener) {
        stopListeners.remove(listener);
    }

    /** The container's main process has ended, or the pod is gone. */
    void stopped() {
        List<Runnable> listeners;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            listeners = new ArrayList<>(stopListeners);
            stopListeners.clear();
        }
        listeners.forEach(Runnable::run);
    }
}
