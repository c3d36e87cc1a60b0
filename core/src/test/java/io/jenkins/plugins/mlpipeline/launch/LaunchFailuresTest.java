package io.jenkins.plugins.mlpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LaunchFailuresTest {

    private static KubernetesClientException http(int code) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("m").build());
    }

    @Test
    void outagesAreTransient() {
        assertThat(LaunchFailures.isTransient(new LaunchException("x", http(503)))).isTrue();
        assertThat(LaunchFailures.isTransient(new LaunchException("x", http(429)))).isTrue();
        assertThat(LaunchFailures.isTransient(new LaunchException("x",
                new KubernetesClientException("refused", new IOException("Connection refused"))))).isTrue();
    }

    @Test
    void refusalsAreNot() {
        assertThat(LaunchFailures.isTransient(new LaunchException("x", http(403)))).isFalse();
        assertThat(LaunchFailures.isTransient(new LaunchException("x", http(422)))).isFalse();
        assertThat(LaunchFailures.isTransient(new LaunchException("owned by another run"))).isFalse();
        assertThat(LaunchFailures.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }
}
