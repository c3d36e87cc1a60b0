package io.jenkins.plugins.mlpipeline.testkit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/** JSON patches with a {@code test} operation, as clients use them to edit lists safely. */
class JsonPatchTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.pauseControllers();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void aFailingTestOperationIsRefusedAt422AtOnceAndChangesNothing() {
        client.batch().v1().jobs().resource(new JobBuilder(job("patched", "img:1").build()).editMetadata()
                .withFinalizers(List.of("example.com/a", "example.com/b")).endMetadata().build()).create();
        String patch = "[{\"op\":\"test\",\"path\":\"/metadata/finalizers/0\",\"value\":\"example.com/b\"},"
                + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]";
        // A handler exception used to leave the request unanswered: the client then failed with a timeout, code 0.
        assertThatThrownBy(() -> client.batch().v1().jobs().withName("patched").patch(PatchContext.of(PatchType.JSON), patch))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422));
        assertThat(client.batch().v1().jobs().withName("patched").get().getMetadata().getFinalizers())
                .containsExactly("example.com/a", "example.com/b");
    }
}
