package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every state of one pod a watch delivered, including the last one before it disappeared. */
final class CapturedPods implements Watcher<Pod>, AutoCloseable {

    private final List<Pod> states = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private Watch watch;

    /** Starts watching an existing pod and returns once the watch is live (its first event arrived). */
    static CapturedPods watch(KubernetesClient client, String pod) {
        CapturedPods captured = new CapturedPods();
        captured.watch = client.pods().withName(pod).watch(captured);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !captured.states().isEmpty());
        return captured;
    }

    @Override
    public synchronized void eventReceived(Action action, Pod pod) {
        states.add(pod);
        actions.add(action);
    }

    @Override
    public void onClose(WatcherException cause) {
    }

    synchronized Pod last() {
        return states.get(states.size() - 1);
    }

    synchronized List<Pod> states() {
        return new ArrayList<>(states);
    }

    synchronized List<Action> actions() {
        return new ArrayList<>(actions);
    }

    @Override
    public void close() {
        watch.close();
    }
}
