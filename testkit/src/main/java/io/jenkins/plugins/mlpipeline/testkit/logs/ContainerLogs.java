package io.jenkins.plugins.mlpipeline.testkit.logs;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The logs of every container the simulated kubelets run, by pod uid and container name. */
public final class ContainerLogs {

    private final Clock clock;
    private final Map<String, ContainerLog> logs = new ConcurrentHashMap<>();
    private final Map<String, ContainerLog> previous = new ConcurrentHashMap<>();

    public ContainerLogs(Clock clock) {
        this.clock = clock;
    }

    /** A fresh log for a container that is starting. */
    public ContainerLog start(String podUid, String container) {
        ContainerLog log = new ContainerLog(clock);
        ContainerLog before = logs.put(key(podUid, container), log);
        if (before != null) {
            // A restarted container: the kubelet keeps the last terminated instance for previous=true.
            previous.put(key(podUid, container), before);
        }
        return log;
    }

    /**
     * A container terminated and will be restarted: from now on its log is also the previous instance's, as the
     * kubelet serves {@code previous=true} from {@code lastState.terminated} during the restart back-off.
     */
    public void awaitingRestart(String podUid, String container) {
        ContainerLog current = logs.get(key(podUid, container));
        if (current != null) {
            previous.put(key(podUid, container), current);
        }
    }

    /** The log of the previous (terminated) instance of a restarted container, or {@code null}. */
    public ContainerLog findPrevious(String podUid, String container) {
        return previous.get(key(podUid, container));
    }

    /** The log of a container that has started, or {@code null}. */
    public ContainerLog find(String podUid, String container) {
        return logs.get(key(podUid, container));
    }

    /** Forgets the logs of a pod that no longer exists. */
    public void removePod(String podUid) {
        logs.keySet().removeIf(key -> key.startsWith(podUid + "/"));
        previous.keySet().removeIf(key -> key.startsWith(podUid + "/"));
    }

    private static String key(String podUid, String container) {
        return podUid + "/" + container;
    }
}
