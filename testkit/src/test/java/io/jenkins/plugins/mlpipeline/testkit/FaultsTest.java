package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FaultsTest {

    private static final String JOBS = "/apis/batch/v1/namespaces/default/jobs";

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script("long:1", ContainerScript.create().log("up").runForever());
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void droppedWatchIsReopenedAndKeepsDeliveringChanges() {
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inform()) {
            long watchesBefore = watchRequests("/api/v1/namespaces/default/configmaps");

            // inform() returns after the initial list; its watch may still be connecting. Drop until a re-watch shows.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                emu.faults().dropWatches();
                return watchRequests("/api/v1/namespaces/default/configmaps") > watchesBefore + 1;
            });
            client.configMaps().resource(configMap("after-drop")).create();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> informer.getStore().getByKey("default/after-drop") != null);
        }
    }

    @Test
    void expiredWatchMakesTheInformerRelist() {
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inform()) {
            long listsBefore = listRequests("/api/v1/namespaces/default/configmaps");

            // As above: expire until the watch was open to receive it, which the relist shows.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                emu.faults().expireWatches();
                return listRequests("/api/v1/namespaces/default/configmaps") > listsBefore;
            });
            assertThat(informer.isRunning()).isTrue();
        }
    }

    @Test
    void deletionWhileTheWatchIsDownIsNotLostBecauseTheRewatchGets410() {
        client.batch().v1().jobs().resource(job("gone", "long:1").build()).create();
        try (SharedIndexInformer<Job> informer = client.batch().v1().jobs().inform()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> informer.getStore().getByKey("default/gone") != null);
            emu.faults().blockWatches(true);
            emu.faults().dropWatches();

            client.batch().v1().jobs().withName("gone").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            emu.faults().blockWatches(false);

            await().atMost(Duration.ofSeconds(15)).until(() -> informer.getStore().getByKey("default/gone") == null);
        }
    }

    @Test
    void unauthorizedAnswersTheNextRequestsWith401() {
        emu.faults().unauthorized(1);

        assertThatThrownBy(() -> client.pods().list())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(401));
        assertThat(client.pods().list().getItems()).isEmpty();
    }

    @Test
    void rejectedTokenGets401UntilCleared() {
        KubernetesClient expired = emu.newClient("token-a");
        emu.faults().rejectToken("token-a");

        assertThatThrownBy(() -> expired.pods().list())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(401));
        assertThat(client.pods().list().getItems()).isEmpty();

        emu.faults().clearRejectedTokens();

        assertThat(expired.pods().list().getItems()).isEmpty();
    }

    @Test
    void serverErrorsAnswer500ForAWhile() {
        try (KubernetesClient noRetries = clientWithoutRetries()) {
            emu.faults().serverErrors(Duration.ofMillis(400));

            assertThatThrownBy(() -> noRetries.pods().list())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(500));
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> noRetries.pods().list().getItems().isEmpty());
        }
    }

    @Test
    void slowDelaysEveryResponse() {
        emu.faults().slow(Duration.ofMillis(300), Duration.ofSeconds(5));

        Instant before = Instant.now();
        client.pods().list();

        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void blockedWatchesAnswer503() throws Exception {
        emu.faults().blockWatches(true);

        RawHttp.Reply reply = RawHttp.get(emu, "/api/v1/namespaces/default/pods?watch=true");

        assertThat(reply.code()).isEqualTo(503);
    }

    @Test
    void droppedLogStreamEndsWhileTheContainerStillRuns() throws Exception {
        client.batch().v1().jobs().resource(job("talker", "long:1").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "talker").isEmpty()
                && "Running".equals(emu.pods("default", "talker").get(0).getStatus().getPhase()));
        String pod = emu.pods("default", "talker").get(0).getMetadata().getName();
        PodLogEndpointTest.SyncBuffer out = new PodLogEndpointTest.SyncBuffer();
        try (LogWatch watch = client.pods().withName(pod).watchLog(out)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> out.text().equals("up\n"));

            emu.faults().dropLogStreams();

            watch.onClose().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        assertThat(emu.pods("default", "talker").get(0).getStatus().getPhase()).isEqualTo("Running");
    }

    private KubernetesClient clientWithoutRetries() {
        Config config = emu.config();
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    /** fabric8 informers watch with {@code ?allowWatchBookmarks=true&...&watch=true}. */
    private long watchRequests(String path) {
        return emu.requestCount("GET", path + "?allowWatchBookmarks");
    }

    private long listRequests(String path) {
        return emu.requestCount("GET", path) - watchRequests(path);
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v").build();
    }
}
