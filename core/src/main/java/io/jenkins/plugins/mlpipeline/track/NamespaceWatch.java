package io.jenkins.plugins.mlpipeline.track;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.jenkins.plugins.mlpipeline.JobLabels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The three informers (Jobs, their Pods, Warning events) of one namespace and the runs subscribed in it.
 * Informer callbacks run on fabric8's threads and only record which runs need a look; the tracker's dispatch
 * thread does the looking, so runs never see concurrent evaluation.
 */
final class NamespaceWatch {

    static final String BY_JOB = "job-name";

    /** What RunClassifier and RunFollow read of a Job (name, namespace and resourceVersion are always kept). */
    private static final String[] JOB_FIELDS = {"metadata.uid", "metadata.deletionTimestamp", "spec.backoffLimit",
        "spec.activeDeadlineSeconds", "spec.suspend", "status"};
    /** What classification and log following read of a Pod; labels also feed the job-name index. */
    private static final String[] POD_FIELDS = {"metadata.uid", "metadata.labels", "metadata.ownerReferences",
        "metadata.creationTimestamp", "metadata.deletionTimestamp", "spec.containers", "spec.nodeName", "status"};
    /** What a Warning event needs to be reported once. */
    private static final String[] EVENT_FIELDS = {"metadata.uid", "type", "reason", "message", "count", "involvedObject"};

    final String namespace;
    /** Runs by Job name. Read from informer threads, changed only on the dispatch thread. */
    final Map<String, List<TrackedRun>> runs = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Consumer<NamespaceWatch> drainRequest;

    SharedIndexInformer<Job> jobs;
    SharedIndexInformer<Pod> pods;
    SharedIndexInformer<Event> events;

    Instant unavailableSince;
    volatile String lastError = "";
    boolean probeInFlight;
    Instant lastProbe;
    Instant emptySince;

    NamespaceWatch(String namespace, Consumer<NamespaceWatch> drainRequest) {
        this.namespace = namespace;
        this.drainRequest = drainRequest;
    }

    /** Starts informers on {@code client}; a 401 on the very first list must not kill them, hence runnableInformer. */
    void start(KubernetesClient client, String selector, ExceptionHandler errors, Consumer<Job> onJobDeleted,
               Consumer<Event> onEvent) {
        jobs = client.batch().v1().jobs().inNamespace(namespace).withLabelSelector(selector).runnableInformer(0);
        // The caches keep only what classification reads: a full fabric8 object per Job, Pod and Event is most of a
        // tracked run's memory (the Job's pod template above all). Handlers still get the full objects.
        jobs.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Job.class,
                client.getKubernetesSerialization(), JOB_FIELDS));
        jobs.exceptionHandler(errors);
        jobs.addEventHandler(new ResourceEventHandler<Job>() {
            @Override
            public void onAdd(Job job) {
                markDirty(job.getMetadata().getName());
            }

            @Override
            public void onUpdate(Job oldJob, Job job) {
                markDirty(job.getMetadata().getName());
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                onJobDeleted.accept(job);
            }
        });

        pods = client.pods().inNamespace(namespace).withLabelSelector(selector).runnableInformer(0);
        pods.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Pod.class,
                client.getKubernetesSerialization(), POD_FIELDS));
        pods.addIndexers(Map.of(BY_JOB, (Function<Pod, List<String>>) p -> {
            String name = jobNameOf(p);
            return name == null ? List.of() : List.of(name);
        }));
        pods.exceptionHandler(errors);
        pods.addEventHandler(new ResourceEventHandler<Pod>() {
            @Override
            public void onAdd(Pod pod) {
                markDirty(jobNameOf(pod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                markDirty(jobNameOf(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                markDirty(jobNameOf(pod));
            }
        });

        // Only Warning events matter, but they are filtered here rather than with a field selector: fabric8's mock
        // API server (every test of ours) ignores field selectors it does not index and would return nothing.
        events = client.v1().events().inNamespace(namespace).runnableInformer(0);
        events.itemStore(new WarningEventStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE,
                Event.class, client.getKubernetesSerialization(), EVENT_FIELDS)));
        events.exceptionHandler(errors);
        events.addEventHandler(new ResourceEventHandler<Event>() {
            @Override
            public void onAdd(Event e) {
                onEvent.accept(e);
            }

            @Override
            public void onUpdate(Event oldEvent, Event e) {
                onEvent.accept(e);
            }

            @Override
            public void onDelete(Event e, boolean finalStateUnknown) {
                // expired events say nothing new
            }
        });
        jobs.start();
        pods.start();
        events.start();
    }

    void stop() {
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {jobs, pods, events}) {
            if (informer != null) {
                informer.stop();
            }
        }
    }

    boolean synced() {
        return jobs.hasSynced() && pods.hasSynced();
    }

    boolean watching() {
        return jobs.isWatching() && pods.isWatching();
    }

    Job cachedJob(String name) {
        return jobs.getStore().getByKey(namespace + "/" + name);
    }

    Pod cachedPod(String name) {
        return pods.getStore().getByKey(namespace + "/" + name);
    }

    List<Pod> cachedPodsOf(String jobName) {
        return new ArrayList<>(pods.getIndexer().byIndex(BY_JOB, jobName));
    }

    void markDirty(String jobName) {
        if (jobName != null && runs.containsKey(jobName)) {
            dirty.add(jobName);
            if (drainQueued.compareAndSet(false, true)) {
                drainRequest.accept(this);
            }
        }
    }

    /** Called on the dispatch thread: hands out and forgets the Job names that changed. */
    List<String> takeDirty() {
        drainQueued.set(false);
        List<String> names = new ArrayList<>(dirty);
        dirty.removeAll(names);
        return names;
    }

    static String jobNameOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return null;
        }
        String name = labels.get(JobLabels.JOB_NAME);
        return name != null ? name : labels.get(JobLabels.LEGACY_JOB_NAME);
    }
}
