package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.condition;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SuspendTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script("long:1", ContainerScript.create().runForever());
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void suspendingDeletesPodsWithoutCountingThemAndResumingStartsAgain() {
        client.batch().v1().jobs().resource(job("pausable", "long:1").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> activeOf("pausable") == 1);

        client.batch().v1().jobs().withName("pausable").edit(j -> {
            j.getSpec().setSuspend(true);
            return j;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> emu.pods("default", "pausable").isEmpty());
        Job suspended = TestJobs.get(client, "pausable");
        JobCondition condition = condition(suspended, "Suspended");
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("JobSuspended");
        assertThat(condition.getMessage()).isEqualTo("Job suspended");
        assertThat(suspended.getStatus().getFailed()).isNull();
        assertThat(suspended.getStatus().getActive()).isNull();
        assertThat(jobEvents("pausable")).extracting(Event::getReason).contains("Suspended", "SuccessfulDelete");

        client.batch().v1().jobs().withName("pausable").edit(j -> {
            j.getSpec().setSuspend(false);
            return j;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> activeOf("pausable") == 1);
        JobCondition resumed = condition(TestJobs.get(client, "pausable"), "Suspended");
        assertThat(resumed.getStatus()).isEqualTo("False");
        assertThat(resumed.getReason()).isEqualTo("JobResumed");
        assertThat(TestJobs.get(client, "pausable").getStatus().getFailed()).isNull();
    }

    @Test
    void jobCreatedSuspendedHasNoPodsAndNoStartTime() {
        client.batch().v1().jobs().resource(job("held", "long:1").editSpec().withSuspend(true).endSpec().build())
                .create();

        await().atMost(Duration.ofSeconds(5)).until(() -> condition(TestJobs.get(client, "held"), "Suspended") != null);
        emu.awaitSimulationIdle();
        assertThat(emu.pods("default", "held")).isEmpty();
        assertThat(TestJobs.get(client, "held").getStatus().getStartTime()).isNull();
    }

    private int activeOf(String job) {
        Job current = TestJobs.get(client, job);
        return current.getStatus() == null || current.getStatus().getActive() == null ? 0
                : current.getStatus().getActive();
    }

    private java.util.List<Event> jobEvents(String job) {
        return client.v1().events().list().getItems().stream()
                .filter(e -> "Job".equals(e.getInvolvedObject().getKind())
                        && job.equals(e.getInvolvedObject().getName()))
                .toList();
    }
}
