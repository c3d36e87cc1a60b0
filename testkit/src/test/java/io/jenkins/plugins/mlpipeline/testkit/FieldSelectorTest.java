package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FieldSelectorTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script("long:1", ContainerScript.create().runForever());
        emu.script("quick:1", ContainerScript.create().exit(0));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void eventsCanBeSelectedByInvolvedObjectAndReasonLikeOnARealServer() {
        client.batch().v1().jobs().resource(job("watched", "long:1").build()).create();
        client.batch().v1().jobs().resource(job("other", "long:1").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> running("watched") && running("other"));
        Pod pod = emu.pods("default", "watched").get(0);

        List<Event> events = client.v1().events().withField("involvedObject.uid", pod.getMetadata().getUid())
                .withField("reason", "Started").list().getItems();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo(pod.getMetadata().getName());
            assertThat(e.getMessage()).isEqualTo("Started container main");
        });
    }

    @Test
    void podsCanBeSelectedByPhase() {
        client.batch().v1().jobs().resource(job("runs", "long:1").build()).create();
        client.batch().v1().jobs().resource(job("ends", "quick:1").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> running("runs")
                && !emu.pods("default", "ends").isEmpty()
                && "Succeeded".equals(emu.pods("default", "ends").get(0).getStatus().getPhase()));

        List<Pod> notFinished = client.pods().withoutField("status.phase", "Succeeded").list().getItems();

        assertThat(notFinished).extracting(p -> p.getMetadata().getLabels().get("job-name")).containsExactly("runs");
    }

    @Test
    void unsupportedFieldIsRejected() {
        assertThatThrownBy(() -> client.pods().withField("spec.containers", "x").list())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("field label not supported: spec.containers");
    }

    private boolean running(String job) {
        List<Pod> pods = emu.pods("default", job);
        return !pods.isEmpty() && "Running".equals(pods.get(0).getStatus().getPhase());
    }
}
