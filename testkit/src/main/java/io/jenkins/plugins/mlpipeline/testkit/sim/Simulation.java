package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Deletions;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.IndexedCrudDispatcher;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectKey;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.logs.ContainerLogs;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The simulated control plane and kubelets. Learns of every stored change (clients' and its own) through the
 * store's change feed, like controllers watching an API server but in memory, and reacts on its loop: pods go to
 * the scheduler, the kubelet, the Job controller and the garbage collector; Jobs to the Job controller and the
 * garbage collector; nodes to the scheduler. Changes to one object are coalesced while queued.
 */
public final class Simulation implements AutoCloseable {

    private final ObjectStore store;
    private final SimulationLoop loop = new SimulationLoop();
    private final ClusterState state = new ClusterState();
    private final Scheduler scheduler;
    private final Kubelet kubelet;
    private final JobController jobController;
    private final GarbageCollector garbageCollector;
    private final Set<ObjectKey> queued = ConcurrentHashMap.newKeySet();
    private final Queue<ObjectKey> queue = new ConcurrentLinkedQueue<>();
    private final ContainerRuntime runtime;

    public Simulation(ObjectStore store, Deletions deletions, ContainerLogs logs, ImageBehaviours images,
            SimulationSettings settings, ContainerRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
        EventRecorder events = new EventRecorder(store);
        this.scheduler = new Scheduler(store, events, deletions);
        this.kubelet = new Kubelet(new KubeletContext(store, events, logs, images, loop, settings, runtime), state);
        this.jobController = new JobController(store, state, events, deletions, loop, settings);
        this.garbageCollector = new GarbageCollector(store, state, deletions);
        store.addListener(this::onStoreChange);
        loop.execute(scheduler::onNodesChanged);
    }

    private void onStoreChange(IndexedCrudDispatcher.ChangedObject change) {
        ObjectKey key = change.key();
        boolean simulated = ResourceKind.PODS.matches(key) || ResourceKind.JOBS.matches(key)
                || ResourceKind.NODES.matches(key);
        if (simulated && queued.add(key)) {
            queue.add(key);
            loop.execute(this::processNext);
        }
    }

    private void processNext() {
        ObjectKey key = queue.poll();
        if (key == null) {
            return;
        }
        queued.remove(key);
        if (ResourceKind.PODS.matches(key)) {
            podChanged(key);
        } else if (ResourceKind.JOBS.matches(key)) {
            jobChanged(key);
        } else {
            scheduler.onNodesChanged();
        }
    }

    private void podChanged(ObjectKey key) {
        Pod pod = store.get(ResourceKind.PODS, key.namespace(), key.name());
        ClusterState.PodRecord previous = state.trackPod(key, pod);
        scheduler.onPod(key, pod);
        kubelet.onPod(key, pod, previous);
        OwnerReference owner = pod == null ? null : ClusterState.jobController(pod);
        String ownerUid = owner != null ? owner.getUid() : previous != null ? previous.ownerUid() : null;
        if (previous != null && previous.ownerUid() != null && !previous.ownerUid().equals(ownerUid)) {
            notifyOwner(previous.ownerUid());
        }
        if (ownerUid != null) {
            ObjectKey jobKey = state.jobByUid(ownerUid);
            if (jobKey != null) {
                notifyOwner(ownerUid);
            } else if (pod != null && ownerIsGone(pod, owner)) {
                // Dependent of a deleted Job: the garbage collector deletes it, the Job controller lets it go.
                garbageCollector.onOwnerGone(ownerUid);
                jobController.releaseOrphan(key);
            }
        } else if (pod != null && JobController.hasTrackingFinalizer(pod)) {
            jobController.releaseOrphan(key);
        }
    }

    private void notifyOwner(String ownerUid) {
        ObjectKey jobKey = state.jobByUid(ownerUid);
        if (jobKey != null) {
            jobController.enqueue(jobKey);
            garbageCollector.onDependentChanged(ownerUid);
        }
    }

    private boolean ownerIsGone(Pod pod, OwnerReference owner) {
        if (owner == null) {
            return false;
        }
        Job job = store.get(ResourceKind.JOBS, pod.getMetadata().getNamespace(), owner.getName());
        return job == null || !owner.getUid().equals(job.getMetadata().getUid());
    }

    private void jobChanged(ObjectKey key) {
        Job job = store.get(ResourceKind.JOBS, key.namespace(), key.name());
        String previousUid = state.trackJob(key, job);
        if (previousUid != null && (job == null || !previousUid.equals(job.getMetadata().getUid()))) {
            jobController.forget(previousUid);
            garbageCollector.onOwnerGone(previousUid);
        }
        if (job != null) {
            jobController.enqueue(key);
            garbageCollector.onJob(key, job);
        }
    }

    /** Kubelet node-pressure eviction of a pod running on a node. */
    public void evict(String namespace, String name, String message) {
        ObjectKey key = requireBoundPod(namespace, name);
        loop.execute(() -> {
            if (!kubelet.evict(key, message)) {
                throw new IllegalStateException("pod " + namespace + "/" + name + " is not running on a kubelet");
            }
        });
    }

    /** Scheduler preemption of a pod running on a node. */
    public void preempt(String namespace, String name) {
        ObjectKey key = requireBoundPod(namespace, name);
        loop.execute(() -> scheduler.preempt(key));
    }

    private ObjectKey requireBoundPod(String namespace, String name) {
        Pod pod = store.get(ResourceKind.PODS, namespace, name);
        if (pod == null) {
            throw new IllegalArgumentException("pod " + namespace + "/" + name + " does not exist");
        }
        if (pod.getSpec().getNodeName() == null) {
            throw new IllegalStateException("pod " + namespace + "/" + name + " is not bound to a node");
        }
        return ResourceKind.PODS.key(namespace, name);
    }

    public void pause() {
        loop.pause();
    }

    public void resume() {
        loop.resume();
    }

    /** Waits until the simulation has handled everything queued so far (not for timers still to come). */
    public void awaitIdle(Duration timeout) {
        loop.awaitIdle(timeout);
    }

    /** Failures inside the simulation: emulator bugs, none expected. */
    public List<Throwable> errors() {
        return loop.errors();
    }

    @Override
    public void close() {
        // Even when paused: local processes must not outlive the emulator.
        loop.executeDespitePause(kubelet::discardAll);
        loop.awaitIdle(Duration.ofSeconds(5));
        loop.close();
        runtime.removeAll();
    }
}
