package io.jenkins.plugins.mlpipeline.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import io.jenkins.plugins.mlpipeline.testkit.CrudMockServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks the requests fabric8 7.3.1 sends for us and how it reports refusals, against fabric8's mock server. */
@ExtendWith(CrudMockServerExtension.class)
class Fabric8PodLogSourceTest {

    private static final String LOG_PATH = "/api/v1/namespaces/ns/pods/train-a/log?pretty=false&container=main";
    private static final String BODY =
            "2024-05-01T10:00:07.100000000Z hello\n2024-05-01T10:00:07.200000000Z world\n";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void createPod() {
        client.pods().inNamespace("ns").resource(new PodBuilder()
                .withNewMetadata().withName("train-a").withNamespace("ns").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
                .build()).create();
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsWithTimestampsAndWholeSecondSinceTime() throws IOException {
        server.expect().get().withPath(LOG_PATH + "&sinceTime=2024-05-01T10:00:07Z&timestamps=true")
                .andReturn(200, BODY).once();

        InputStream in = new Fabric8PodLogSource(client)
                .open("ns", "train-a", "main", Instant.parse("2024-05-01T10:00:07.987654321Z"), false);

        assertThat(read(in)).isEqualTo(BODY);
    }

    @Test
    void followsWithoutSinceTimeFromTheStart() throws IOException {
        server.expect().get().withPath(LOG_PATH + "&timestamps=true&follow=true").andReturn(200, BODY).once();

        InputStream in = new Fabric8PodLogSource(client).open("ns", "train-a", "main", null, true);

        assertThat(read(in)).isEqualTo(BODY);
    }

    @Test
    void refusedPlainReadCarriesTheHttpStatus() {
        server.expect().get().withPath(LOG_PATH + "&timestamps=true")
                .andReturn(404, status(404, "NotFound", "pods \\\"train-a\\\" not found")).once();

        PodLogException e = catchThrowableOfType(PodLogException.class,
                () -> new Fabric8PodLogSource(client).open("ns", "train-a", "main", null, false));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("HTTP 404: pods \"train-a\" not found");
    }

    @Test
    void refusedFollowIsReportedOnFirstReadInsteadOfBecomingLogText() throws IOException {
        server.expect().get().withPath(LOG_PATH + "&timestamps=true&follow=true")
                .andReturn(400, status(400, "BadRequest",
                        "container \\\"main\\\" in pod \\\"train-a\\\" is waiting to start: ContainerCreating"))
                .once();

        try (InputStream in = new Fabric8PodLogSource(client).open("ns", "train-a", "main", null, true)) {
            PodLogException e = catchThrowableOfType(PodLogException.class, () -> in.read(new byte[128]));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("is waiting to start: ContainerCreating");
        }
    }

    @Test
    void formatsSinceTimeAsRfc3339WholeSeconds() {
        assertThat(Fabric8PodLogSource.formatSinceTime(Instant.parse("2024-05-01T10:00:07.999999999Z")))
                .isEqualTo("2024-05-01T10:00:07Z");
        assertThat(Fabric8PodLogSource.formatSinceTime(Instant.parse("2024-05-01T10:00:00Z")))
                .isEqualTo("2024-05-01T10:00:00Z");
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }
}
