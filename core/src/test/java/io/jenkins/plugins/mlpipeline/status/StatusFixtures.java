package io.jenkins.plugins.mlpipeline.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;

import java.time.Instant;
import java.util.Map;

/** Job and Pod objects shaped the way a real cluster reports them (see kubernetes-semantics notes, section 4). */
final class StatusFixtures {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private StatusFixtures() {
    }

    static JobBuilder job() {
        return new JobBuilder().withNewMetadata().withName("train-1").withNamespace("ml").withUid("job-uid").endMetadata()
                .withNewSpec().withBackoffLimit(0).endSpec()
                .withNewStatus().endStatus();
    }

    static Job withCondition(JobBuilder b, String type, String reason, String message) {
        return b.editStatus().addToConditions(new JobConditionBuilder().withType(type).withStatus("True")
                .withReason(reason).withMessage(message).build()).endStatus().build();
    }

    static PodBuilder pod(String name, int creationSecond) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ml").withUid(name + "-uid")
                .withCreationTimestamp(T0.plusSeconds(creationSecond).toString()).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("trainer:1")
                .withNewResources().withLimits(Map.of("memory", new Quantity("4Gi"))).endResources()
                .endContainer().endSpec();
    }

    static Pod terminated(String name, int second, String phase, String reason, int exitCode) {
        return pod(name, second).withNewStatus().withPhase(phase)
                .addToContainerStatuses(status().withNewState().withNewTerminated().withReason(reason)
                        .withExitCode(exitCode).endTerminated().endState().build())
                .endStatus().build();
    }

    static Pod running(String name, int second) {
        return pod(name, second).withNewStatus().withPhase("Running")
                .addToContainerStatuses(status().withNewState().withNewRunning().withStartedAt(T0.toString())
                        .endRunning().endState().build())
                .endStatus().build();
    }

    static Pod waiting(String name, int second, String reason, String message) {
        return pod(name, second).withNewStatus().withPhase("Pending")
                .addToContainerStatuses(status().withNewState().withNewWaiting().withReason(reason).withMessage(message)
                        .endWaiting().endState().build())
                .endStatus().build();
    }

    static Pod unschedulable(String name, int second, Instant since, String message) {
        PodCondition c = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage(message).withLastTransitionTime(since.toString()).build();
        return pod(name, second).withNewStatus().withPhase("Pending").addToConditions(c).endStatus().build();
    }

    private static ContainerStatusBuilder status() {
        return new ContainerStatusBuilder().withName("main").withImage("trainer:1").withRestartCount(0);
    }

    static ContainerStatus mainStatus(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0);
    }
}
