package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PodDisruptionTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    private void start(ClusterEmulator.Builder builder) {
        emu = builder.podFailureBackoff(Duration.ofMillis(100)).imagePullBackoff(Duration.ofMillis(150)).build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void evictedPodFailsWithReasonConditionAndEventAndCountsAgainstRetries() {
        start(ClusterEmulator.builder());
        emu.script("long:1", ContainerScript.create().runForever());
        client.batch().v1().jobs().resource(job("evictme", "long:1").editSpec().withBackoffLimit(0).endSpec()
                .build()).create();
        String pod = awaitRunningPod("evictme");
        String message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. ";

        emu.evict("default", pod, message);

        await().atMost(Duration.ofSeconds(5)).until(() -> conditionTypes(TestJobs.get(client, "evictme"))
                .contains("Failed"));
        Pod evicted = client.pods().withName(pod).get();
        assertThat(evicted.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(evicted.getStatus().getReason()).isEqualTo("Evicted");
        assertThat(evicted.getStatus().getMessage()).isEqualTo(message);
        PodCondition disruption = podCondition(evicted, "DisruptionTarget");
        assertThat(disruption.getStatus()).isEqualTo("True");
        assertThat(disruption.getReason()).isEqualTo("TerminationByKubelet");
        Event event = event(pod, "Evicted");
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).isEqualTo(message);
        assertThat(event.getSource().getComponent()).isEqualTo("kubelet");
        assertThat(TestJobs.get(client, "evictme").getStatus().getFailed()).isEqualTo(1);
    }

    @Test
    void preemptedPodGetsDisruptionTargetThenIsDeletedAndReplaced() {
        start(ClusterEmulator.builder());
        emu.script("long:1", attempt -> attempt == 0 ? ContainerScript.create().runForever()
                : ContainerScript.create().exit(0));
        client.batch().v1().jobs().resource(job("preemptme", "long:1").editSpec().withBackoffLimit(1).endSpec()
                .build()).create();
        String pod = awaitRunningPod("preemptme");
        CapturedPods seen = CapturedPods.watch(client, pod);

        emu.preempt("default", pod);

        await().atMost(Duration.ofSeconds(5)).until(() -> conditionTypes(TestJobs.get(client, "preemptme"))
                .contains("Complete"));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().withName(pod).get() == null);
        Pod last = seen.last();
        assertThat(podCondition(last, "DisruptionTarget").getReason()).isEqualTo("PreemptionByScheduler");
        assertThat(podCondition(last, "DisruptionTarget").getMessage())
                .isEqualTo("default-scheduler: preempting to accommodate a higher priority pod");
        assertThat(last.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isEqualTo(143);
        assertThat(event(pod, "Preempted").getMessage()).startsWith("Preempted by pod ");
        Job job = TestJobs.get(client, "preemptme");
        assertThat(job.getStatus().getFailed()).isEqualTo(1);
        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        seen.close();
    }

    @Test
    void evictingAPodThatDoesNotExistIsRefused() {
        start(ClusterEmulator.builder());
        assertThatThrownBy(() -> emu.evict("default", "ghost", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default/ghost does not exist");
    }

    @Test
    void unschedulablePodStaysPendingWithFitErrorAndEventThenSchedulesWhenCapacityFrees() {
        start(ClusterEmulator.builder()
                .node("cpu-1", Map.of("cpu", "2", "memory", "4Gi"), Map.of("pool", "cpu"))
                .node("gpu-1", Map.of("cpu", "4", "memory", "8Gi", "nvidia.com/gpu", "1"), Map.of("pool", "gpu")));
        emu.script("gpu:1", attempt -> ContainerScript.create().sleep(Duration.ofMillis(600)).exit(0));
        client.batch().v1().jobs().resource(gpuJob("first")).create();
        awaitRunningPod("first");

        client.batch().v1().jobs().resource(gpuJob("second")).create();

        await().atMost(Duration.ofSeconds(5)).until(() -> podCondition(firstPod("second"), "PodScheduled") != null);
        Pod pending = firstPod("second");
        assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pending.getSpec().getNodeName()).isNull();
        PodCondition scheduled = podCondition(pending, "PodScheduled");
        String expected = "0/2 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) didn't match Pod's "
                + "node affinity/selector. preemption: 0/2 nodes are available: 1 No preemption victims found "
                + "for incoming pod, 1 Preemption is not helpful for scheduling.";
        assertThat(scheduled.getStatus()).isEqualTo("False");
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).isEqualTo(expected);
        Event event = event(pending.getMetadata().getName(), "FailedScheduling");
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).isEqualTo(expected);
        assertThat(event.getSource().getComponent()).isEqualTo("default-scheduler");

        // When the first Job's pod finishes, the GPU is free again.
        await().atMost(Duration.ofSeconds(5)).until(() -> "gpu-1".equals(firstPod("second").getSpec().getNodeName()));
        assertThat(event(firstPod("second").getMetadata().getName(), "Scheduled").getMessage())
                .isEqualTo("Successfully assigned default/" + firstPod("second").getMetadata().getName()
                        + " to gpu-1");
    }

    @Test
    void failingPullAlternatesErrImagePullAndImagePullBackOffWithAggregatedEvents() {
        start(ClusterEmulator.builder());
        String error = "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nope:1\"";
        emu.failPull("nope:1", "ErrImagePull", error);
        client.batch().v1().jobs().resource(job("nopull", "nope:1").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "nopull").isEmpty());
        String pod = firstPod("nopull").getMetadata().getName();

        // The state flips every 150 ms: assert on the state the wait saw, not on a later read.
        assertThat(awaitWaiting(pod, "ErrImagePull").getMessage()).isEqualTo(error);
        assertThat(awaitWaiting(pod, "ImagePullBackOff").getMessage()).isEqualTo("Back-off pulling image \"nope:1\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> events(pod, "Failed").stream()
                .anyMatch(e -> e.getMessage().equals("Error: ErrImagePull") && e.getCount() >= 2));

        assertThat(firstPod("nopull").getStatus().getPhase()).isEqualTo("Pending");
        List<String> failedMessages = events(pod, "Failed").stream().map(Event::getMessage).toList();
        assertThat(failedMessages).contains("Failed to pull image \"nope:1\": " + error, "Error: ErrImagePull",
                "Error: ImagePullBackOff");
        Event backOff = events(pod, "BackOff").get(0);
        assertThat(backOff.getType()).isEqualTo("Normal");
        assertThat(backOff.getMessage()).isEqualTo("Back-off pulling image \"nope:1\"");
        assertThat(backOff.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{main}");
        // One Event object per distinct message, its count raised on every repeat.
        assertThat(events(pod, "Failed").stream().filter(e -> e.getMessage().equals("Error: ErrImagePull")))
                .hasSize(1);
    }

    @Test
    void unparsableImageIsInvalidImageNameAtOnce() {
        start(ClusterEmulator.builder());
        client.batch().v1().jobs().resource(job("badname", "Trainer:Latest").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "badname").isEmpty());
        String pod = firstPod("badname").getMetadata().getName();

        await().atMost(Duration.ofSeconds(5)).until(() -> "InvalidImageName".equals(waiting(pod).getReason()));

        assertThat(waiting(pod).getMessage()).isEqualTo("Failed to apply default image tag \"Trainer:Latest\": "
                + "couldn't parse image name \"Trainer:Latest\": invalid reference format: repository name must "
                + "be lowercase");
        assertThat(events(pod, "Failed")).extracting(Event::getMessage).contains("Error: InvalidImageName");
    }

    private static Job gpuJob(String name) {
        return job(name, "gpu:1").editSpec().editTemplate().editSpec().addToNodeSelector("pool", "gpu")
                .editFirstContainer().withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1"))
                .endResources().endContainer().endSpec().endTemplate().endSpec().build();
    }

    private String awaitRunningPod(String job) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<Pod> pods = emu.pods("default", job);
            return !pods.isEmpty() && "Running".equals(pods.get(0).getStatus().getPhase());
        });
        return firstPod(job).getMetadata().getName();
    }

    private Pod firstPod(String job) {
        return emu.pods("default", job).get(0);
    }

    private ContainerStateWaiting awaitWaiting(String pod, String reason) {
        AtomicReference<ContainerStateWaiting> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            seen.set(waiting(pod));
            return reason.equals(seen.get().getReason());
        });
        return seen.get();
    }

    private ContainerStateWaiting waiting(String pod) {
        Pod current = client.pods().withName(pod).get();
        if (current.getStatus().getContainerStatuses() == null) {
            return new ContainerStateWaiting();
        }
        ContainerStateWaiting waiting = current.getStatus().getContainerStatuses().get(0).getState().getWaiting();
        return waiting == null ? new ContainerStateWaiting() : waiting;
    }

    private List<Event> events(String involvedName, String reason) {
        return client.v1().events().list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    private Event event(String involvedName, String reason) {
        List<Event> events = events(involvedName, reason);
        assertThat(events).as("events %s of %s", reason, involvedName).isNotEmpty();
        return events.get(0);
    }

    private static PodCondition podCondition(Pod pod, String type) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> Objects.equals(type, c.getType()))
                .findFirst().orElse(null);
    }
}
