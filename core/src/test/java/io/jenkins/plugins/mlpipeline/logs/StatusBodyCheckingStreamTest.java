package io.jenkins.plugins.mlpipeline.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusBodyCheckingStreamTest {

    private static InputStream checked(String body) {
        return new StatusBodyCheckingStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                "pod ns/p container main");
    }

    @Test
    void passesGenuineLogBytesThroughUnchanged() throws IOException {
        String log = "2024-05-01T10:00:00.000000000Z {\"loss\": 1}\n2024-05-01T10:00:01.000000000Z done\n";
        assertThat(new String(checked(log).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(log);
        assertThat(checked("").read()).isEqualTo(-1);
    }

    @Test
    void turnsAStatusBodyIntoPodLogExceptionWithItsCode() {
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"container \\\"main\\\" in pod \\\"p\\\" is waiting to start: ContainerCreating\","
                + "\"reason\":\"BadRequest\",\"code\":400}";
        PodLogException e = catchThrowableOfType(PodLogException.class, () -> checked(status).read(new byte[64]));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("HTTP 400: container \"main\" in pod \"p\" is waiting to start: "
                + "ContainerCreating");
    }

    @Test
    void replaysABraceBodyThatIsNotAStatus() throws IOException {
        String notStatus = "{\"kind\":\"PodList\",\"items\":[]}";
        assertThat(new String(checked(notStatus).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(notStatus);
        String garbage = "{ not json at all\nmore\n";
        assertThat(new String(checked(garbage).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(garbage);
    }

    @Test
    void permanentCodesAreTheGoneOrForbiddenOnes() {
        assertThat(new PodLogException("x", 404, null).isPermanent()).isTrue();
        assertThat(new PodLogException("x", 403, null).isPermanent()).isTrue();
        assertThat(new PodLogException("x", 401, null).isPermanent()).as("expired token").isFalse();
        assertThat(new PodLogException("x", 500, null).isPermanent()).isFalse();
        assertThat(new PodLogException("x", 0, null).isPermanent()).isFalse();
    }
}
