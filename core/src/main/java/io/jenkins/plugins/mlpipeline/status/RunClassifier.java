package io.jenkins.plugins.mlpipeline.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the observed state of a Job and its pods into a {@link RunVerdict}, following the status matrix of the
 * design: status comes from Job conditions and the main container, never from the log stream.
 *
 * <p>Pure apart from {@link WaitingClocks}: the caller (the tracker) calls it again on every change and on a timer,
 * so time-limited waits (image pulls, unschedulable pods) fail once their limit has passed.
 */
public final class RunClassifier {

    private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff");
    /** Waiting reasons that no amount of waiting fixes. */
    private static final Set<String> HOPELESS_IMAGE = Set.of("InvalidImageName", "ErrImageNeverPull");
    /** A missing secret/config map: may be created a moment later, so it gets the image-pull grace. */
    private static final Set<String> CONFIG_FAILURES = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    private final ClassifierSettings settings;

    public RunClassifier(ClassifierSettings settings) {
        this.settings = settings;
    }

    /**
     * @param job   the Job as last observed; must not be null (a vanished Job is the tracker's call)
     * @param pods  the Job's pods as observed (any order)
     */
    public RunVerdict classify(Job job, List<Pod> pods, WaitingClocks clocks, Instant now) {
        String ref = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(PodStates.BY_CREATION);

        // Terminal conditions first: a finished Job keeps its result even while it is being deleted (TTL).
        // SuccessCriteriaMet/FailureTarget are the 1.31+ interim markers; the terminal condition follows with the
        // same reason, so acting on them only reports sooner.
        Optional<JobCondition> failed = trueCondition(job, "Failed").or(() -> trueCondition(job, "FailureTarget"));
        if (failed.isPresent()) {
            return failure(job, sorted, failed.get());
        }
        Optional<JobCondition> complete = trueCondition(job, "Complete").or(() -> trueCondition(job, "SuccessCriteriaMet"));
        if (complete.isPresent()) {
            return success(job, sorted);
        }
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return RunVerdict.cancelled("JobDeleted", "Job " + ref + " is being deleted outside Jenkins");
        }
        if (Boolean.TRUE.equals(job.getSpec() == null ? null : job.getSpec().getSuspend())
                || trueCondition(job, "Suspended").isPresent()) {
            return RunVerdict.cancelled("JobSuspended", "Job " + ref + " was suspended outside Jenkins");
        }
        return whileActive(job, sorted, clocks, now);
    }

    private RunVerdict success(Job job, List<Pod> pods) {
        // The kernel's OOM killer can hit a child process while the main process still exits 0; the container
        // is then reported OOMKilled with exit code 0 and the pod as Succeeded. A model from such a run is suspect.
        for (int i = pods.size() - 1; i >= 0; i--) {
            Pod pod = pods.get(i);
            Optional<ContainerStateTerminated> t = PodStates.mainTerminated(pod);
            if ("Succeeded".equals(PodStates.phase(pod)) && t.isPresent() && "OOMKilled".equals(t.get().getReason())) {
                return RunVerdict.failed("OOMKilled", PodFailure.of(pod).message()
                        + " (the pod reported success, but a process was killed for lack of memory)");
            }
        }
        return RunVerdict.succeeded("Job " + job.getMetadata().getName() + " completed");
    }

    private RunVerdict failure(Job job, List<Pod> pods, JobCondition condition) {
        String jobReason = String.valueOf(condition.getReason());
        int attempts = attempts(job, pods);
        Integer backoffLimit = job.getSpec() == null ? null : job.getSpec().getBackoffLimit();
        Optional<Pod> lastFailed = lastFailedPod(pods);
        if ("DeadlineExceeded".equals(jobReason)) {
            Long deadline = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
            String limit = deadline == null ? "its deadline"
                    : "its deadline of " + HumanDuration.format(Duration.ofSeconds(deadline)) + " (activeDeadlineSeconds="
                    + deadline + ")";
            return RunVerdict.failed("DeadlineExceeded", "DeadlineExceeded: Job " + job.getMetadata().getName()
                    + " ran longer than " + limit + " and was stopped after " + attempts + plural(attempts, " attempt"));
        }
        if ("BackoffLimitExceeded".equals(jobReason) && lastFailed.isPresent()) {
            PodFailure cause = PodFailure.of(lastFailed.get());
            String retries = backoffLimit == null ? "" : ", retries " + backoffLimit;
            return RunVerdict.failed(cause.reason(), cause.reason() + ": " + cause.message() + " (BackoffLimitExceeded after "
                    + attempts + plural(attempts, " attempt") + retries + ")");
        }
        String msg = condition.getMessage() == null ? "" : ": " + condition.getMessage();
        String detail = lastFailed.map(p -> "; last attempt: " + PodFailure.of(p).message()).orElse("");
        return RunVerdict.failed(jobReason, jobReason + msg + detail);
    }

    private RunVerdict whileActive(Job job, List<Pod> pods, WaitingClocks clocks, Instant now) {
        Set<String> clockKeys = new HashSet<>();
        try {
            RunVerdict best = null;
            for (int i = pods.size() - 1; i >= 0; i--) {
                Pod pod = pods.get(i);
                if (!PodStates.isActive(pod)) {
                    continue;
                }
                RunVerdict v = activePod(pod, clocks, clockKeys, now);
                if (v.isFinal() || v.phase() == RunPhase.RUNNING) {
                    return v;
                }
                if (best == null) {
                    best = v;
                }
            }
            if (best != null) {
                return best;
            }
            Optional<Pod> lastFailed = lastFailedPod(pods);
            if (lastFailed.isPresent()) {
                PodFailure cause = PodFailure.of(lastFailed.get());
                return RunVerdict.pending("Retrying", "attempt " + attempts(job, pods) + " failed (" + cause.message()
                        + "); waiting for the next attempt");
            }
            return RunVerdict.pending("Created", "waiting for the Job controller to create a pod");
        } finally {
            clocks.retainOnly(clockKeys);
        }
    }

    private RunVerdict activePod(Pod pod, WaitingClocks clocks, Set<String> clockKeys, Instant now) {
        String name = pod.getMetadata().getName();
        String uid = String.valueOf(pod.getMetadata().getUid());
        if (PodStates.mainRunning(pod)) {
            return RunVerdict.running();
        }
        Optional<ContainerStateWaiting> waiting = PodStates.mainWaiting(pod);
        if (waiting.isPresent() && waiting.get().getReason() != null) {
            String reason = waiting.get().getReason();
            String kubeletMessage = waiting.get().getMessage() == null ? "" : ": " + waiting.get().getMessage();
            if (HOPELESS_IMAGE.contains(reason)) {
                return RunVerdict.failedAndDelete(reason, reason + kubeletMessage + " (pod " + name + ")");
            }
            if (PULL_FAILURES.contains(reason) || CONFIG_FAILURES.contains(reason)) {
                String key = (PULL_FAILURES.contains(reason) ? "pull:" : "config:") + uid;
                clockKeys.add(key);
                Duration waited = Duration.between(clocks.since(key, now), now);
                if (waited.compareTo(settings.imagePullGrace()) >= 0) {
                    return RunVerdict.failedAndDelete(reason, reason + kubeletMessage + " (pod " + name + ", for "
                            + HumanDuration.format(waited) + ", longer than the grace of "
                            + HumanDuration.format(settings.imagePullGrace()) + ")");
                }
                return RunVerdict.pending(reason, reason + kubeletMessage);
            }
            return RunVerdict.pending(reason, "pod " + name + ": " + reason + kubeletMessage);
        }
        Optional<PodCondition> scheduled = PodStates.condition(pod, "PodScheduled");
        if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())
                && "Unschedulable".equals(scheduled.get().getReason())) {
            String key = "unschedulable:" + uid;
            clockKeys.add(key);
            Instant since = earliest(clocks.since(key, now), parse(scheduled.get().getLastTransitionTime()), now);
            Duration waited = Duration.between(since, now);
            String schedulerMessage = String.valueOf(scheduled.get().getMessage());
            if (waited.compareTo(settings.pendingTimeout()) >= 0) {
                return RunVerdict.failedAndDelete("Unschedulable", "Unschedulable: pod " + name + " could not be scheduled for "
                        + HumanDuration.format(waited) + " (pending timeout " + HumanDuration.format(settings.pendingTimeout())
                        + "): " + schedulerMessage);
            }
            return RunVerdict.pending("Unschedulable", "waiting for a node: " + schedulerMessage);
        }
        return RunVerdict.pending("Pending", "pod " + name + " is " + PodStates.phase(pod));
    }

    /** The observed waiting start, unless the cluster says it began earlier (but never in our future). */
    private static Instant earliest(Instant observed, Instant reported, Instant now) {
        if (reported == null || reported.isAfter(now)) {
            return observed;
        }
        return reported.isBefore(observed) ? reported : observed;
    }

    private static Instant parse(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<Pod> lastFailedPod(List<Pod> sortedPods) {
        for (int i = sortedPods.size() - 1; i >= 0; i--) {
            Pod pod = sortedPods.get(i);
            if ("Failed".equals(PodStates.phase(pod)) || (PodStates.isDeleting(pod) && !"Succeeded".equals(PodStates.phase(pod)))) {
                return Optional.of(pod);
            }
        }
        return Optional.empty();
    }

    /** Attempts made so far: the Job's own counters when present (pods may already be gone), else the pods seen. */
    public static int attempts(Job job, List<Pod> pods) {
        int counted = 0;
        if (job.getStatus() != null) {
            counted = nz(job.getStatus().getFailed()) + nz(job.getStatus().getSucceeded()) + nz(job.getStatus().getActive());
        }
        return Math.max(Math.max(counted, pods.size()), 1);
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    static Optional<JobCondition> trueCondition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
