package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The stock exec path (recorded expectations answered with a websocket) works through the emulator's server. */
class ExecExpectationTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void execAnsweredByAnExpectationReturnsItsOutput() throws Exception {
        client.pods().resource(new PodBuilder().withNewMetadata().withName("box").endMetadata().withNewSpec()
                .addNewContainer().withName("main").withImage("box:1").endContainer().endSpec().build()).create();
        emu.expect().withPath("/api/v1/namespaces/default/pods/box/exec?command=ls&container=main&stdout=true")
                .andUpgradeToWebSocket()
                .open(new OutputStreamMessage("model.bin"), new StatusStreamMessage(2))
                .done().always();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().withName("box").inContainer("main").writingOutput(out).exec("ls")) {
            // The stock websocket session closes right after its last message, so the client may or may not have
            // read the exit status first: only the output and the end of the exec are certain.
            watch.exitCode().get(10, TimeUnit.SECONDS);

            assertThat(out.toString()).isEqualTo("model.bin");
        }
    }
}
