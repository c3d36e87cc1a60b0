package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Plain GETs through the fabric8 client's own HTTP transport, to check status codes and bodies exactly. */
final class RawHttp {

    record Reply(int code, String body) {
    }

    private RawHttp() {
    }

    /** One GET, without the client's retries of 5xx answers. */
    static Reply get(ClusterEmulator emu, String pathAndQuery) throws Exception {
        Config config = emu.config();
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            HttpClient http = client.getHttpClient();
            HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder()
                    .uri(URI.create(emu.url() + pathAndQuery)).build(), String.class).get(10, TimeUnit.SECONDS);
            return new Reply(response.code(), response.body());
        }
    }
}
