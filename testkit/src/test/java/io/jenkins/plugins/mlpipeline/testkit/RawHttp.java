package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
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
        return get(emu, pathAndQuery, false);
    }

    /**
     * One GET that asks for a websocket upgrade, to see the answer of an upgrade the server refuses (clients that
     * upgrade do not show the body of a refusal).
     */
    static Reply getUpgrade(ClusterEmulator emu, String pathAndQuery) throws Exception {
        return get(emu, pathAndQuery, true);
    }

    private static Reply get(ClusterEmulator emu, String pathAndQuery, boolean upgrade) throws Exception {
        Config config = emu.config();
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            HttpClient http = client.getHttpClient();
            HttpRequest.Builder request = http.newHttpRequestBuilder().uri(URI.create(emu.url() + pathAndQuery));
            if (upgrade) {
                request.header("Connection", "Upgrade").header("Upgrade", "websocket")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
            }
            HttpResponse<String> response = http.sendAsync(request.build(), String.class).get(10, TimeUnit.SECONDS);
            return new Reply(response.code(), response.body());
        }
    }
}
