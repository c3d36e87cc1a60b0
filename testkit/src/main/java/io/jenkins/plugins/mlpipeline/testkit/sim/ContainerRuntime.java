package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the nodes' container runtimes hold, for the API server's exec endpoint and for tests: the running containers
 * (the only ones an exec can enter, as the kubelet's {@code findContainer} lists running containers only) and the
 * pods' files on the host. Written by the kubelets on the simulation loop, read from any thread.
 */
public final class ContainerRuntime {

    private final Map<String, ExecTarget> running = new ConcurrentHashMap<>();
    private final Map<String, PodFilesystem> pods = new ConcurrentHashMap<>();

    /** The container of that pod (by uid) if its main process is running now. */
    public Optional<ExecTarget> runningContainer(String podUid, String container) {
        return Optional.ofNullable(running.get(key(podUid, container)));
    }

    /** The host directory of an emptyDir volume of a pod (by uid) that a kubelet has set up and not yet removed. */
    public Optional<Path> volumeDir(String podUid, String volume) {
        PodFilesystem files = pods.get(podUid);
        return files == null ? Optional.empty() : files.volumeDir(volume);
    }

    void podStarted(String podUid, PodFilesystem files) {
        pods.put(podUid, files);
    }

    /** The pod left the node: its files are deleted. */
    void podRemoved(String podUid) {
        PodFilesystem files = pods.remove(podUid);
        if (files != null) {
            files.delete();
        }
    }

    void containerStarted(String podUid, ExecTarget target) {
        running.put(key(podUid, target.container()), target);
    }

    void containerStopped(String podUid, ExecTarget target) {
        running.remove(key(podUid, target.container()), target);
        target.stopped();
    }

    /** Emulator shutdown: every pod's files go (the kubelets have stopped their containers already). */
    void removeAll() {
        new ArrayList<>(pods.keySet()).forEach(this::podRemoved);
    }

    private static String key(String podUid, String container) {
        return podUid + "/" + container;
    }
}
