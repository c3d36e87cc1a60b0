package io.jenkins.plugins.mlpipeline.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.util.Optional;

/**
 * Why one pod attempt failed, read from where Kubernetes puts each cause: pod-level {@code status.reason}
 * ({@code Evicted}, {@code DeadlineExceeded}), the {@code DisruptionTarget} condition (preemption, node loss,
 * taints, API evictions) and the main container's {@code terminated} state ({@code OOMKilled}, exit codes).
 *
 * @param reason  short cause: {@code OOMKilled}, {@code Error}, {@code Evicted}, {@code Preempted}, {@code NodeLost},
 *                {@code Tainted}, {@code DeadlineExceeded}, {@code Deleted} or {@code Failed}
 * @param message a sentence naming the pod and the cause
 * @param exitCode the main container's exit code when it terminated, else null
 */
public record PodFailure(String reason, String message, Integer exitCode) {

    public static PodFailure of(Pod pod) {
        String name = pod.getMetadata().getName();
        Optional<ContainerStateTerminated> terminated = PodStates.mainTerminated(pod);
        Integer exitCode = terminated.map(ContainerStateTerminated::getExitCode).orElse(null);

        // OOM first: a kill by the kernel is the most specific cause even when an eviction followed.
        if (terminated.isPresent() && "OOMKilled".equals(terminated.get().getReason())) {
            return new PodFailure("OOMKilled", oomMessage(pod), exitCode);
        }
        String podReason = pod.getStatus() == null ? null : pod.getStatus().getReason();
        String podMessage = pod.getStatus() == null ? null : pod.getStatus().getMessage();
        if ("Evicted".equals(podReason)) {
            return new PodFailure("Evicted", "pod " + name + " was evicted" + suffix(podMessage), exitCode);
        }
        if ("DeadlineExceeded".equals(podReason)) {
            return new PodFailure("DeadlineExceeded",
                    "pod " + name + " ran longer than its activeDeadlineSeconds" + suffix(podMessage), exitCode);
        }
        Optional<PodCondition> disruption = PodStates.trueCondition(pod, "DisruptionTarget");
        if (disruption.isPresent()) {
            PodCondition c = disruption.get();
            String why = String.valueOf(c.getReason());
            switch (why) {
                case "PreemptionByScheduler":
                    return new PodFailure("Preempted",
                            "pod " + name + " was preempted by the scheduler for a higher-priority pod", exitCode);
                case "DeletionByPodGC":
                    return new PodFailure("NodeLost", "pod " + name + " was lost with its node" + suffix(c.getMessage()),
                            exitCode);
                case "DeletionByTaintManager":
                    return new PodFailure("Tainted",
                            "pod " + name + " was evicted by a NoExecute taint on its node" + suffix(c.getMessage()), exitCode);
                default:
                    return new PodFailure("Evicted", "pod " + name + " was evicted (" + why + ")" + suffix(c.getMessage()),
                            exitCode);
            }
        }
        if (terminated.isPresent() && exitCode != null && exitCode != 0) {
            String msg = "main container of pod " + name + " exited with code " + exitCode
                    + signal(exitCode) + suffix(terminated.get().getMessage());
            return new PodFailure("Error", msg, exitCode);
        }
        if (PodStates.isDeleting(pod)) {
            return new PodFailure("Deleted", "pod " + name + " was deleted while it ran", exitCode);
        }
        return new PodFailure("Failed", "pod " + name + " failed" + suffix(podMessage), exitCode);
    }

    private static String oomMessage(Pod pod) {
        String name = pod.getMetadata().getName();
        return PodStates.mainMemoryLimit(pod)
                .map(limit -> "main container of pod " + name + " was OOMKilled: it exceeded its memory limit of " + limit)
                .orElse("main container of pod " + name
                        + " was OOMKilled: no memory limit is set, so the node ran out of memory; set resources.memory");
    }

    private static String signal(int exitCode) {
        if (exitCode == 137) {
            return " (SIGKILL)";
        }
        if (exitCode == 143) {
            return " (SIGTERM)";
        }
        return "";
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail.strip();
    }
}
