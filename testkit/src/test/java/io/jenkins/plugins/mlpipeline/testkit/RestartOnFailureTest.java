package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.condition;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RestartOnFailureTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().podFailureBackoff(Duration.ofMillis(100)).build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void onFailureRestartsTheContainerUntilRestartsReachTheBackoffLimit() throws Exception {
        emu.script("crash:1", ContainerScript.create().log("crashing").sleep(Duration.ofMillis(300)).exit(2));
        Job job = job("crashy", "crash:1").editSpec().withBackoffLimit(2).editTemplate().editSpec()
                .withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().resource(job).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "crashy").isEmpty());
        String pod = emu.pods("default", "crashy").get(0).getMetadata().getName();
        CapturedPods seen = CapturedPods.watch(client, pod);

        await().atMost(Duration.ofSeconds(10)).until(() -> conditionTypes(TestJobs.get(client, "crashy"))
                .contains("Failed"));

        assertThat(condition(TestJobs.get(client, "crashy"), "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        // Restarts keep the pod Running (never Failed on its own) and remember the last termination.
        Pod restarted = seen.states().stream().filter(p -> restartCount(p) == 2).findFirst().orElseThrow();
        ContainerStatus status = restarted.getStatus().getContainerStatuses().get(0);
        assertThat(restarted.getStatus().getPhase()).isEqualTo("Running");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(2);
        assertThat(emu.pods("default", "crashy")).hasSizeLessThanOrEqualTo(1);
        seen.close();
    }

    @Test
    void previousLogIsTheLastTerminatedInstance() throws Exception {
        emu.script("once:1", ContainerScript.create().log("run").exit(1));
        Job job = job("prev", "once:1").editSpec().withBackoffLimit(5).editTemplate().editSpec()
                .withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().resource(job).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "prev").isEmpty()
                && restartCount(emu.pods("default", "prev").get(0)) >= 1);
        String pod = emu.pods("default", "prev").get(0).getMetadata().getName();

        RawHttp.Reply previous = RawHttp.get(emu, "/api/v1/namespaces/default/pods/" + pod + "/log?previous=true");

        assertThat(previous.code()).isEqualTo(200);
        assertThat(previous.body()).isEqualTo("run\n");
    }

    private static int restartCount(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return 0;
        }
        Integer count = pod.getStatus().getContainerStatuses().get(0).getRestartCount();
        return count == null ? 0 : count;
    }
}
