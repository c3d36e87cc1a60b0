package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Deletions;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.GeneratedNames;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.JobLabels;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectKey;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodPhases;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodSpecDefaults;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * The batch/v1 Job controller for NonIndexed Jobs, following k8s pkg/controller/job/job_controller.go
 * ({@code syncJob}, {@code manageJob}, {@code trackJobStatusAndRemoveFinalizers}) with the 1.31+ interim
 * conditions, plus the TTL-after-finished controller. Syncs are queued per Job and coalesced.
 */
final class JobController {

    private record Backoff(int failuresSinceSuccess, Instant lastFailure) {
    }

    private final ObjectStore store;
    private final ClusterState state;
    private final EventRecorder events;
    private final Deletions deletions;
    private final SimulationLoop loop;
    private final SimulationSettings settings;
    private final Set<ObjectKey> dirty = new LinkedHashSet<>();
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private final Map<String, Integer> nextAttempt = new HashMap<>();
    private final Map<ObjectKey, Instant> wakeUps = new HashMap<>();
    private final Map<ObjectKey, ScheduledFuture<?>> wakeUpTimers = new HashMap<>();
    private boolean drainQueued;

    JobController(ObjectStore store, ClusterState state, EventRecorder events, Deletions deletions,
            SimulationLoop loop, SimulationSettings settings) {
        this.store = store;
        this.state = state;
        this.events = events;
        this.deletions = deletions;
        this.loop = loop;
        this.settings = settings;
    }

    void enqueue(ObjectKey job) {
        if (dirty.add(job) && !drainQueued) {
            drainQueued = true;
            loop.execute(this::drain);
        }
    }

    void forget(String jobUid) {
        backoffs.remove(jobUid);
        nextAttempt.remove(jobUid);
    }

    /** A pod that still carries the tracking finalizer but has no live Job: drop the finalizer (orphan worker). */
    void releaseOrphan(ObjectKey podKey) {
        store.update(ResourceKind.PODS, podKey.namespace(), podKey.name(), pod -> removeTrackingFinalizer(pod));
    }

    private void drain() {
        drainQueued = false;
        List<ObjectKey> keys = new ArrayList<>(dirty);
        dirty.clear();
        keys.forEach(this::sync);
    }

    private void sync(ObjectKey key) {
        Job job = store.get(ResourceKind.JOBS, key.namespace(), key.name());
        if (job == null || !hasSelector(job)) {
            return;
        }
        String uid = job.getMetadata().getUid();
        JobSpec spec = job.getSpec();
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        Instant now = store.clock().instant();
        String nowText = Timestamps.seconds(now);
        if (JobConditions.isFinished(status)) {
            forget(uid);
            releaseAllPods(uid);
            scheduleTtl(key, job, status, now);
            return;
        }
        if (status.getUncountedTerminatedPods() == null) {
            status.setUncountedTerminatedPods(new UncountedTerminatedPods());
        }
        UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods();
        List<Pod> pods = podsOf(uid);
        List<Pod> active = new ArrayList<>();
        int terminating = 0;
        for (Pod pod : pods) {
            if (!PodPhases.isTerminal(pod)) {
                if (PodPhases.isBeingDeleted(pod)) {
                    terminating++;
                } else {
                    active.add(pod);
                }
            }
        }
        int ready = (int) active.stream().filter(p -> PodConditions.isTrue(p, PodConditions.READY)).count();
        List<Pod> newSucceeded = new ArrayList<>();
        List<Pod> newFailed = new ArrayList<>();
        for (Pod pod : pods) {
            if (!hasTrackingFinalizer(pod)) {
                continue;
            }
            String podUid = pod.getMetadata().getUid();
            if (PodPhases.SUCCEEDED.equals(PodPhases.phase(pod)) && !list(uncounted.getSucceeded()).contains(podUid)) {
                newSucceeded.add(pod);
            } else if (isFailed(pod) && !list(uncounted.getFailed()).contains(podUid)) {
                newFailed.add(pod);
            }
        }
        int succeeded = count(status.getSucceeded()) + newSucceeded.size() + list(uncounted.getSucceeded()).size();
        int failed = count(status.getFailed()) + newFailed.size() + list(uncounted.getFailed()).size();
        boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
        if (status.getStartTime() == null && !suspended) {
            status.setStartTime(nowText);
        }
        recordBackoff(uid, newSucceeded, newFailed, now);

        JobCondition finished = JobConditions.findTrue(status, JobConditions.SUCCESS_CRITERIA_MET);
        if (finished == null) {
            JobCondition target = JobConditions.findTrue(status, JobConditions.FAILURE_TARGET);
            if (target != null) {
                finished = target;
            } else if (failed > spec.getBackoffLimit() || pastBackoffLimitOnFailure(spec, active)) {
                finished = JobConditions.create(JobConditions.FAILURE_TARGET, "True",
                        JobConditions.BACKOFF_LIMIT_EXCEEDED, JobConditions.BACKOFF_LIMIT_MESSAGE, nowText);
            } else if (pastDeadline(spec, status, now, suspended)) {
                finished = JobConditions.create(JobConditions.FAILURE_TARGET, "True",
                        JobConditions.DEADLINE_EXCEEDED, JobConditions.DEADLINE_MESSAGE, nowText);
            } else if (spec.getActiveDeadlineSeconds() != null && !suspended) {
                wakeUpAt(key, Timestamps.parse(status.getStartTime()).plusSeconds(spec.getActiveDeadlineSeconds()));
            }
        }
        int activeCount = active.size();
        if (finished != null) {
            int deleted = 0;
            for (Pod pod : active) {
                // Finalizers stay: these pods are counted as failed below.
                if (deletions.deletePod(key.namespace(), pod.getMetadata().getName(), null) != null) {
                    events.normal(EventRecorder.Source.JOB_CONTROLLER, job, null, "SuccessfulDelete",
                            "Deleted pod: " + pod.getMetadata().getName());
                    deleted++;
                    if (PodConditions.isTrue(pod, PodConditions.READY)) {
                        ready--;
                    }
                }
            }
            activeCount -= deleted;
            terminating += deleted;
        } else {
            if (job.getMetadata().getDeletionTimestamp() == null) {
                activeCount = manageJob(key, job, active, terminating, succeeded, now);
                if (suspended) {
                    ready = 0;
                }
            }
            Integer completions = spec.getCompletions();
            boolean complete = completions == null ? succeeded > 0 && activeCount == 0
                    : succeeded >= completions && activeCount == 0;
            if (complete) {
                finished = JobConditions.create(JobConditions.SUCCESS_CRITERIA_MET, "True",
                        JobConditions.COMPLETIONS_REACHED, JobConditions.COMPLETIONS_MESSAGE, nowText);
            } else if (job.getMetadata().getDeletionTimestamp() == null) {
                updateSuspendCondition(job, status, suspended, nowText);
            }
        }
        status.setActive(activeCount == 0 ? null : activeCount);
        status.setReady(Math.max(0, ready));
        status.setTerminating(terminating);
        trackStatusAndRemoveFinalizers(key, job, status, pods, finished, terminating, nowText);
    }

    /** Creates or deletes pods towards the wanted parallelism; returns the new number of active pods. */
    private int manageJob(ObjectKey key, Job job, List<Pod> active, int terminating, int succeeded, Instant now) {
        JobSpec spec = job.getSpec();
        if (Boolean.TRUE.equals(spec.getSuspend())) {
            deleteUncounted(job, active);
            return 0;
        }
        int parallelism = spec.getParallelism() == null ? 1 : spec.getParallelism();
        int wanted = spec.getCompletions() == null ? (succeeded > 0 ? 0 : parallelism)
                : Math.max(0, Math.min(parallelism, spec.getCompletions() - succeeded));
        if (active.size() > wanted) {
            deleteUncounted(job, active.subList(wanted, active.size()));
            return wanted;
        }
        int occupied = active.size() + ("Failed".equals(spec.getPodReplacementPolicy()) ? terminating : 0);
        if (occupied >= wanted) {
            return active.size();
        }
        Duration remaining = remainingBackoff(job.getMetadata().getUid(), now);
        if (remaining.compareTo(Duration.ZERO) > 0) {
            wakeUpAt(key, now.plus(remaining));
            return active.size();
        }
        int created = 0;
        for (int i = occupied; i < wanted; i++) {
            if (createPod(job)) {
                created++;
            }
        }
        return active.size() + created;
    }

    /** Suspend and scale-down deletions: the finalizer goes first, so these pods count neither way. */
    private void deleteUncounted(Job job, List<Pod> pods) {
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            store.update(ResourceKind.PODS, pod.getMetadata().getNamespace(), name, this::removeTrackingFinalizer);
            if (deletions.deletePod(pod.getMetadata().getNamespace(), name, null) != null) {
                events.normal(EventRecorder.Source.JOB_CONTROLLER, job, null, "SuccessfulDelete",
                        "Deleted pod: " + name);
            }
        }
    }

    private boolean createPod(Job job) {
        String uid = job.getMetadata().getUid();
        ObjectMeta template = job.getSpec().getTemplate().getMetadata();
        for (int tries = 0; tries < 5; tries++) {
            Pod pod = new Pod();
            pod.setApiVersion("v1");
            pod.setKind("Pod");
            ObjectMeta meta = new ObjectMeta();
            String generateName = job.getMetadata().getName() + "-";
            meta.setGenerateName(generateName);
            meta.setName(GeneratedNames.generate(generateName));
            meta.setNamespace(job.getMetadata().getNamespace());
            meta.setLabels(template == null || template.getLabels() == null ? null
                    : new LinkedHashMap<>(template.getLabels()));
            meta.setAnnotations(template == null || template.getAnnotations() == null ? null
                    : new LinkedHashMap<>(template.getAnnotations()));
            OwnerReference owner = new OwnerReference();
            owner.setApiVersion("batch/v1");
            owner.setKind("Job");
            owner.setName(job.getMetadata().getName());
            owner.setUid(uid);
            owner.setController(true);
            owner.setBlockOwnerDeletion(true);
            meta.setOwnerReferences(List.of(owner));
            meta.setFinalizers(List.of(JobLabels.TRACKING_FINALIZER));
            pod.setMetadata(meta);
            PodSpec spec = Serialization.clone(job.getSpec().getTemplate().getSpec());
            pod.setSpec(spec);
            PodStatus status = new PodStatus();
            status.setPhase(PodPhases.PENDING);
            status.setQosClass(PodSpecDefaults.qosClass(spec));
            pod.setStatus(status);
            int attempt = nextAttempt.getOrDefault(uid, 0);
            Pod created = store.create(ResourceKind.PODS, pod);
            if (created != null) {
                nextAttempt.put(uid, attempt + 1);
                state.recordAttempt(created.getMetadata().getUid(), attempt);
                events.normal(EventRecorder.Source.JOB_CONTROLLER, job, null, "SuccessfulCreate",
                        "Created pod: " + created.getMetadata().getName());
                return true;
            }
        }
        events.warning(EventRecorder.Source.JOB_CONTROLLER, job, null, "FailedCreate",
                "Error creating: could not generate a unique pod name");
        return false;
    }

    private void trackStatusAndRemoveFinalizers(ObjectKey key, Job job, JobStatus status, List<Pod> pods,
            JobCondition finished, int terminating, String now) {
        UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods();
        boolean jobDeleting = job.getMetadata().getDeletionTimestamp() != null;
        List<Pod> toRelease = new ArrayList<>();
        for (Pod pod : pods) {
            if (!hasTrackingFinalizer(pod)) {
                continue;
            }
            boolean failed = isFailed(pod);
            boolean succeeded = PodPhases.SUCCEEDED.equals(PodPhases.phase(pod));
            if (!(jobDeleting || finished != null || succeeded || failed)) {
                continue;
            }
            toRelease.add(pod);
            String podUid = pod.getMetadata().getUid();
            if (succeeded && !list(uncounted.getFailed()).contains(podUid)) {
                addOnce(uncounted::getSucceeded, uncounted::setSucceeded, podUid);
            } else if (failed || (finished != null && !isSuccess(finished))) {
                // When the Job is finishing, every pod that did not succeed counts as failed.
                addOnce(uncounted::getFailed, uncounted::setFailed, podUid);
            }
        }
        JobCondition terminal = null;
        if (finished != null) {
            boolean success = isSuccess(finished);
            String interimType = success ? JobConditions.SUCCESS_CRITERIA_MET : JobConditions.FAILURE_TARGET;
            if (JobConditions.findTrue(status, interimType) == null) {
                JobConditions.append(status, finished);
            }
            terminal = JobConditions.create(success ? JobConditions.COMPLETE : JobConditions.FAILED, "True",
                    finished.getReason(), finished.getMessage(), now);
        }
        writeStatus(key, job, status);
        for (Pod pod : toRelease) {
            store.update(ResourceKind.PODS, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    this::removeTrackingFinalizer);
        }
        // Every released pod is now counted.
        status.setSucceeded(nonZero(count(status.getSucceeded()) + list(uncounted.getSucceeded()).size()));
        status.setFailed(nonZero(count(status.getFailed()) + list(uncounted.getFailed()).size()));
        uncounted.setSucceeded(new ArrayList<>());
        uncounted.setFailed(new ArrayList<>());
        boolean finishedNow = terminal != null && terminating == 0;
        if (finishedNow) {
            JobConditions.append(status, terminal);
            if (JobConditions.COMPLETE.equals(terminal.getType())) {
                status.setCompletionTime(terminal.getLastTransitionTime());
            }
        }
        Job written = writeStatus(key, job, status);
        if (finishedNow && written != null) {
            if (JobConditions.COMPLETE.equals(terminal.getType())) {
                events.normal(EventRecorder.Source.JOB_CONTROLLER, written, null, "Completed", "Job completed");
            } else {
                events.warning(EventRecorder.Source.JOB_CONTROLLER, written, null, terminal.getReason(),
                        terminal.getMessage());
            }
            forget(job.getMetadata().getUid());
            scheduleTtl(key, written, status, store.clock().instant());
        }
    }

    private Job writeStatus(ObjectKey key, Job job, JobStatus status) {
        String uid = job.getMetadata().getUid();
        JobStatus copy = Serialization.clone(status);
        return store.update(ResourceKind.JOBS, key.namespace(), key.name(), j -> {
            if (uid.equals(j.getMetadata().getUid())) {
                j.setStatus(copy);
            }
        });
    }

    private void updateSuspendCondition(Job job, JobStatus status, boolean suspended, String now) {
        if (suspended) {
            if (JobConditions.ensure(status, JobConditions.SUSPENDED, "True", "JobSuspended", "Job suspended", now)) {
                events.normal(EventRecorder.Source.JOB_CONTROLLER, job, null, "Suspended", "Job suspended");
            }
        } else if (JobConditions.ensure(status, JobConditions.SUSPENDED, "False", "JobResumed", "Job resumed", now)) {
            events.normal(EventRecorder.Source.JOB_CONTROLLER, job, null, "Resumed", "Job resumed");
            // Resuming restarts the clock of activeDeadlineSeconds.
            status.setStartTime(now);
        }
    }

    private void scheduleTtl(ObjectKey key, Job job, JobStatus status, Instant now) {
        Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null || job.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        JobCondition terminal = JobConditions.findTrue(status, JobConditions.COMPLETE);
        if (terminal == null) {
            terminal = JobConditions.findTrue(status, JobConditions.FAILED);
        }
        Instant finishedAt = terminal == null ? null : Timestamps.parse(terminal.getLastTransitionTime());
        if (finishedAt == null) {
            return;
        }
        Instant due = finishedAt.plusSeconds(ttl);
        if (now.isBefore(due)) {
            wakeUpAt(key, due);
            return;
        }
        // The TTL controller deletes with Foreground propagation and a uid precondition.
        String uid = job.getMetadata().getUid();
        store.locked(() -> {
            Job current = store.get(ResourceKind.JOBS, key.namespace(), key.name());
            if (current != null && uid.equals(current.getMetadata().getUid())) {
                deletions.deleteJob(key.namespace(), key.name(), Deletions.Propagation.FOREGROUND);
            }
            return null;
        });
    }

    /** Removes leftover tracking finalizers from the pods of a finished Job. */
    private void releaseAllPods(String jobUid) {
        for (ObjectKey podKey : state.podsOwnedBy(jobUid)) {
            Pod pod = store.get(ResourceKind.PODS, podKey.namespace(), podKey.name());
            if (pod != null && hasTrackingFinalizer(pod)) {
                releaseOrphan(podKey);
            }
        }
    }

    private void recordBackoff(String uid, List<Pod> newSucceeded, List<Pod> newFailed, Instant now) {
        Backoff backoff = backoffs.getOrDefault(uid, new Backoff(0, null));
        if (!newSucceeded.isEmpty()) {
            backoff = new Backoff(0, null);
        }
        if (!newFailed.isEmpty()) {
            // The clock starts when the failure is seen (a real controller uses the whole-second finishedAt).
            backoff = new Backoff(backoff.failuresSinceSuccess() + newFailed.size(), now);
        }
        backoffs.put(uid, backoff);
    }

    /** 10 s · 2^(n−1) capped at 10 min in a real cluster; here base · 2^(n−1) capped at 60 · base. */
    private Duration remainingBackoff(String uid, Instant now) {
        Backoff backoff = backoffs.get(uid);
        if (backoff == null || backoff.failuresSinceSuccess() == 0 || backoff.lastFailure() == null) {
            return Duration.ZERO;
        }
        Duration base = settings.podFailureBackoff();
        Duration cap = base.multipliedBy(60);
        int doublings = Math.min(backoff.failuresSinceSuccess() - 1, 30);
        Duration delay = base.multipliedBy(1L << doublings);
        if (delay.compareTo(cap) > 0) {
            delay = cap;
        }
        Duration remaining = Duration.between(now, backoff.lastFailure().plus(delay));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private static boolean pastBackoffLimitOnFailure(JobSpec spec, List<Pod> active) {
        if (!"OnFailure".equals(spec.getTemplate().getSpec().getRestartPolicy())) {
            return false;
        }
        int restarts = 0;
        for (Pod pod : active) {
            if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                    restarts += status.getRestartCount() == null ? 0 : status.getRestartCount();
                }
            }
        }
        int limit = spec.getBackoffLimit();
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    private static boolean pastDeadline(JobSpec spec, JobStatus status, Instant now, boolean suspended) {
        if (spec.getActiveDeadlineSeconds() == null || status.getStartTime() == null || suspended) {
            return false;
        }
        Instant start = Timestamps.parse(status.getStartTime());
        return start != null && !now.isBefore(start.plusSeconds(spec.getActiveDeadlineSeconds()));
    }

    private void wakeUpAt(ObjectKey key, Instant when) {
        Instant existing = wakeUps.get(key);
        ScheduledFuture<?> timer = wakeUpTimers.get(key);
        if (existing != null && timer != null && !timer.isDone() && !existing.isAfter(when)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        Duration delay = Duration.between(store.clock().instant(), when);
        wakeUps.put(key, when);
        wakeUpTimers.put(key, loop.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
            wakeUps.remove(key);
            wakeUpTimers.remove(key);
            enqueue(key);
        }));
    }

    private List<Pod> podsOf(String jobUid) {
        List<Pod> pods = new ArrayList<>();
        for (ObjectKey podKey : state.podsOwnedBy(jobUid)) {
            Pod pod = store.get(ResourceKind.PODS, podKey.namespace(), podKey.name());
            OwnerReference owner = pod == null ? null : ClusterState.jobController(pod);
            if (owner != null && jobUid.equals(owner.getUid())) {
                pods.add(pod);
            }
        }
        return pods;
    }

    /** Failed phase, or being deleted without having succeeded (the default podReplacementPolicy). */
    private static boolean isFailed(Pod pod) {
        String phase = PodPhases.phase(pod);
        return PodPhases.FAILED.equals(phase)
                || (PodPhases.isBeingDeleted(pod) && !PodPhases.SUCCEEDED.equals(phase));
    }

    private static boolean isSuccess(JobCondition condition) {
        return JobConditions.SUCCESS_CRITERIA_MET.equals(condition.getType());
    }

    private static boolean hasSelector(Job job) {
        return Boolean.TRUE.equals(job.getSpec().getManualSelector())
                || (job.getSpec().getSelector() != null && job.getSpec().getSelector().getMatchLabels() != null
                && job.getSpec().getSelector().getMatchLabels().containsKey(JobLabels.CONTROLLER_UID));
    }

    static boolean hasTrackingFinalizer(Pod pod) {
        return pod.getMetadata().getFinalizers() != null
                && pod.getMetadata().getFinalizers().contains(JobLabels.TRACKING_FINALIZER);
    }

    private void removeTrackingFinalizer(Pod pod) {
        if (pod.getMetadata().getFinalizers() != null) {
            List<String> finalizers = new ArrayList<>(pod.getMetadata().getFinalizers());
            finalizers.remove(JobLabels.TRACKING_FINALIZER);
            pod.getMetadata().setFinalizers(finalizers);
        }
    }

    private static void addOnce(java.util.function.Supplier<List<String>> getter,
            java.util.function.Consumer<List<String>> setter, String uid) {
        List<String> values = getter.get() == null ? new ArrayList<>() : new ArrayList<>(getter.get());
        if (!values.contains(uid)) {
            values.add(uid);
        }
        setter.accept(values);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static Integer nonZero(int value) {
        return value == 0 ? null : value;
    }
}
