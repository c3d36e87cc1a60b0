package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.condition;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobLifecycleTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().podFailureBackoff(Duration.ofMillis(200)).build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void successfulJobGetsInterimThenTerminalConditionCountsAndCompletionTime() {
        emu.script("trainer:1", ContainerScript.create().log("hello").exit(0));
        Job created = client.batch().v1().jobs().resource(job("train", "trainer:1").build()).create();

        assertThat(created.getSpec().getSelector().getMatchLabels())
                .containsEntry("batch.kubernetes.io/controller-uid", created.getMetadata().getUid());
        await().atMost(Duration.ofSeconds(10)).until(() -> conditionTypes(TestJobs.get(client, "train"))
                .contains("Complete"));

        Job done = TestJobs.get(client, "train");
        assertThat(conditionTypes(done)).containsExactly("SuccessCriteriaMet", "Complete");
        JobCondition complete = condition(done, "Complete");
        assertThat(complete.getReason()).isEqualTo("CompletionsReached");
        assertThat(complete.getMessage()).isEqualTo("Reached expected number of succeeded pods");
        assertThat(condition(done, "SuccessCriteriaMet").getReason()).isEqualTo(complete.getReason());
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(done.getStatus().getFailed()).isNull();
        assertThat(done.getStatus().getActive()).isNull();
        assertThat(done.getStatus().getCompletionTime()).isEqualTo(complete.getLastTransitionTime());
        assertThat(done.getStatus().getStartTime()).isNotNull();

        List<Pod> pods = emu.pods("default", "train");
        assertThat(pods).hasSize(1);
        Pod pod = pods.get(0);
        assertThat(pod.getMetadata().getName()).matches("train-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(pod.getMetadata().getFinalizers()).isEmpty();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason())
                .isEqualTo("Completed");
        assertThat(client.pods().withName(pod.getMetadata().getName()).getLog()).isEqualTo("hello\n");
    }

    @Test
    void pausedControllersLeaveTheJobAloneUntilResumed() throws Exception {
        emu.pauseControllers();
        client.batch().v1().jobs().resource(job("frozen", "trainer:2").build()).create();

        Thread.sleep(300);
        assertThat(emu.pods("default", "frozen")).isEmpty();
        assertThat(TestJobs.get(client, "frozen").getStatus()).isNull();

        emu.resumeControllers();

        await().atMost(Duration.ofSeconds(10)).until(() -> conditionTypes(TestJobs.get(client, "frozen"))
                .contains("Complete"));
    }
}
