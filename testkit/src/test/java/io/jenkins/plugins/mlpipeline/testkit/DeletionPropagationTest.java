package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeletionPropagationTest {

    private static final String KEEP = "example.com/keep";

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script("long:1", ContainerScript.create().log("running").runForever());
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void deleteWithoutOptionsOrphansThePodsOfABatchV1Job() throws Exception {
        String pod = runningJob("orphaned");

        HttpClient http = client.getHttpClient();
        HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder()
                .uri(URI.create(emu.url() + "/apis/batch/v1/namespaces/default/jobs/orphaned")).delete(null, null)
                .build(), String.class).get(10, TimeUnit.SECONDS);

        assertThat(response.code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> TestJobs.get(client, "orphaned") == null);
        emu.awaitSimulationIdle();
        Pod orphan = client.pods().withName(pod).get();
        assertThat(orphan).isNotNull();
        assertThat(orphan.getMetadata().getDeletionTimestamp()).isNull();
        assertThat(orphan.getStatus().getPhase()).isEqualTo("Running");
        assertThat(orphan.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(orphan.getMetadata().getFinalizers()).doesNotContain("batch.kubernetes.io/job-tracking");
    }

    @Test
    void backgroundRemovesTheJobAtOnceAndThePodsAfterwards() {
        String pod = runningJob("background");
        PodHistory history = PodHistory.of(client, pod);

        client.batch().v1().jobs().withName("background").withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();

        assertThat(TestJobs.get(client, "background")).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().withName(pod).get() == null);
        // The pod went through graceful deletion: deletionTimestamp, SIGTERM (143), Failed, finalizer gone, removed.
        Pod last = history.captured.last();
        assertThat(last.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(last.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(last.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isEqualTo(143);
        assertThat(last.getMetadata().getFinalizers()).isEmpty();
        history.close();
    }

    @Test
    void foregroundKeepsTheJobWithDeletionTimestampUntilItsPodsAreGone() {
        String pod = runningJob("foreground");

        client.batch().v1().jobs().withName("foreground").withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();

        Job deleting = TestJobs.get(client, "foreground");
        assertThat(deleting).isNotNull();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(deleting.getMetadata().getFinalizers()).contains("foregroundDeletion");
        await().atMost(Duration.ofSeconds(5)).until(() -> TestJobs.get(client, "foreground") == null);
        assertThat(client.pods().withName(pod).get()).isNull();
    }

    @Test
    void foregroundHonoursOtherFinalizersUntilTheyAreRemoved() {
        client.batch().v1().jobs().resource(job("kept", "long:1").editMetadata().addToFinalizers(KEEP).endMetadata()
                .build()).create();
        String pod = awaitRunningPod("kept");

        client.batch().v1().jobs().withName("kept").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().withName(pod).get() == null
                && !TestJobs.get(client, "kept").getMetadata().getFinalizers().contains("foregroundDeletion"));
        Job held = TestJobs.get(client, "kept");
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(held.getMetadata().getFinalizers()).containsExactly(KEEP);

        removeFinalizer("kept");

        await().atMost(Duration.ofSeconds(5)).until(() -> TestJobs.get(client, "kept") == null);
    }

    @Test
    void ttlAfterFinishedDeletesWithForegroundAndKeepsOtherFinalizers() {
        emu.script("quick:1", ContainerScript.create().log("done").exit(0));
        client.batch().v1().jobs().resource(job("ttl", "quick:1").editMetadata().addToFinalizers(KEEP).endMetadata()
                .editSpec().withTtlSecondsAfterFinished(0).endSpec().build()).create();

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Job job = TestJobs.get(client, "ttl");
            return job != null && job.getMetadata().getDeletionTimestamp() != null
                    && emu.pods("default", "ttl").isEmpty()
                    && job.getMetadata().getFinalizers().equals(List.of(KEEP));
        });
        assertThat(conditionTypes(TestJobs.get(client, "ttl"))).containsExactly("SuccessCriteriaMet", "Complete");

        removeFinalizer("ttl");

        await().atMost(Duration.ofSeconds(5)).until(() -> TestJobs.get(client, "ttl") == null);
    }

    @Test
    void podDeletedWhileRunningCountsAsAFailureOfItsJob() {
        String pod = runningJob("killed");

        client.pods().withName(pod).delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> conditionTypes(TestJobs.get(client, "killed"))
                .contains("Failed"));
        assertThat(TestJobs.get(client, "killed").getStatus().getFailed()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().withName(pod).get() == null);
    }

    @Test
    void uidPreconditionMismatchIsAConflict() throws Exception {
        runningJob("guarded");
        HttpClient http = client.getHttpClient();

        HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder()
                .uri(URI.create(emu.url() + "/apis/batch/v1/namespaces/default/jobs/guarded"))
                .delete("application/json", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                        + "\"preconditions\":{\"uid\":\"not-the-uid\"}}")
                .build(), String.class).get(10, TimeUnit.SECONDS);

        assertThat(response.code()).isEqualTo(409);
        assertThat(response.body()).contains("Precondition failed: UID in precondition: not-the-uid");
        assertThat(TestJobs.get(client, "guarded")).isNotNull();
    }

    private void removeFinalizer(String job) {
        client.batch().v1().jobs().withName(job).edit(j -> {
            List<String> finalizers = new ArrayList<>(j.getMetadata().getFinalizers());
            finalizers.remove(KEEP);
            j.getMetadata().setFinalizers(finalizers);
            return j;
        });
    }

    private String runningJob(String name) {
        client.batch().v1().jobs().resource(job(name, "long:1").build()).create();
        return awaitRunningPod(name);
    }

    private String awaitRunningPod(String job) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<Pod> pods = emu.pods("default", job);
            return !pods.isEmpty() && "Running".equals(pods.get(0).getStatus().getPhase());
        });
        return emu.pods("default", job).get(0).getMetadata().getName();
    }

    /** Watches one pod and keeps what it saw. */
    private record PodHistory(CapturedPods captured) implements AutoCloseable {
        static PodHistory of(KubernetesClient client, String pod) {
            return new PodHistory(CapturedPods.watch(client, pod));
        }

        @Override
        public void close() {
            captured.close();
        }
    }
}
