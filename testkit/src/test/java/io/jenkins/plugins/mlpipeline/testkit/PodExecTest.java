package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.MOUNT;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.RELEASE;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.SIDECAR;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.SIDECAR_IMAGE;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.TAR;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.awaitMainTerminated;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.state;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.status;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Exec into simulated containers with the real fabric8 client: the sidecar + tar output collection pattern. */
class PodExecTest {

    private static final String LONG_NAME = "checkpoints/" + "epoch-0001-".repeat(12) + "weights.bin";

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script(SIDECAR_IMAGE, OutputsPods.sidecar());
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void tarOfTheOutputsThenKillCompletesThePodAndTheJob() throws Exception {
        emu.script("trainer:1", ContainerScript.create()
                .writeFile(MOUNT + "/model.txt", "weights")
                .writeFile(MOUNT + "/metrics/final.json", "{\"loss\": 0.1}")
                .writeFile(MOUNT + "/" + LONG_NAME, "long")
                .log("saved")
                .exit(0));
        client.batch().v1().jobs().resource(OutputsPods.job("train", "trainer:1").build()).create();
        String pod = awaitMainTerminated(emu, "train");

        Pod running = client.pods().withName(pod).get();
        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(running.getStatus().getContainerStatuses()).extracting(ContainerStatus::getName)
                .containsExactly("main", SIDECAR);
        assertThat(state(running, SIDECAR).getRunning()).isNotNull();
        assertThat(status(running, SIDECAR).getImage()).isEqualTo("docker.io/library/busybox:1.37");
        assertThat(status(running, SIDECAR).getImageID()).startsWith("docker.io/library/busybox@sha256:");
        assertThat(status(running, "main").getImageID()).isNotEqualTo(status(running, SIDECAR).getImageID());

        Exec tar = exec(pod, SIDECAR, TAR);

        assertThat(tar.exitCode()).isZero();
        assertThat(tar.stderr()).isEmpty();
        Map<String, String> entries = OutputsPods.entries(tar.stdout());
        assertThat(entries.keySet()).containsExactly("./", "./checkpoints/", "./" + LONG_NAME, "./metrics/",
                "./metrics/final.json", "./model.txt");
        assertThat(entries).containsEntry("./model.txt", "weights").containsEntry("./" + LONG_NAME, "long");

        Exec release = exec(pod, SIDECAR, RELEASE);

        assertThat(release.exitCode()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> conditionTypes(TestJobs.get(client, "train"))
                .contains("Complete"));
        Pod done = emu.pods("default", "train").get(0);
        assertThat(done.getStatus().getPhase()).isEqualTo("Succeeded");
        ContainerStateTerminated sidecar = state(done, SIDECAR).getTerminated();
        assertThat(sidecar.getExitCode()).isZero();
        assertThat(sidecar.getReason()).isEqualTo("Completed");
        assertThat(emu.execCount()).isEqualTo(2);
    }

    @Test
    void failedMainAndReleasedSidecarFailThePodAndTheJob() throws Exception {
        emu.script("broken:1", ContainerScript.create().log("boom").exit(1));
        client.batch().v1().jobs().resource(OutputsPods.job("broken", "broken:1").build()).create();
        String pod = awaitMainTerminated(emu, "broken");
        assertThat(client.pods().withName(pod).get().getStatus().getPhase()).isEqualTo("Running");

        assertThat(exec(pod, SIDECAR, List.of("kill", "-s", "INT", "1")).exitCode()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> conditionTypes(TestJobs.get(client, "broken"))
                .contains("Failed"));
        Pod failed = emu.pods("default", "broken").get(0);
        assertThat(failed.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(state(failed, "main").getTerminated().getExitCode()).isEqualTo(1);
        assertThat(state(failed, SIDECAR).getTerminated().getExitCode()).isZero();
    }

    @Test
    void podDeletionEndsTheWaitingSidecarWithExitCodeZero() {
        emu.script("trainer:2", ContainerScript.create().writeFile(MOUNT + "/a", "a").exit(0));
        client.batch().v1().jobs().resource(OutputsPods.job("deleted", "trainer:2").build()).create();
        String pod = awaitMainTerminated(emu, "deleted");
        java.nio.file.Path volume = emu.podVolumeDir("default", pod, OutputsPods.VOLUME).orElseThrow();
        assertThat(volume.resolve("a")).hasContent("a");
        CapturedPods seen = CapturedPods.watch(client, pod);

        client.pods().withName(pod).delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> client.pods().withName(pod).get() == null);
        ContainerStateTerminated sidecar = state(seen.last(), SIDECAR).getTerminated();
        assertThat(sidecar.getExitCode()).isZero();
        assertThat(seen.last().getStatus().getPhase()).isEqualTo("Succeeded");
        await().atMost(Duration.ofSeconds(5)).until(() -> !volume.toFile().exists());
        assertThat(emu.podVolumeDir("default", pod, OutputsPods.VOLUME)).isEmpty();
        seen.close();
    }

    @Test
    void unknownAndUnsupportedCommandsFailLikeAShellWould() throws Exception {
        emu.script("trainer:3", ContainerScript.create().exit(0));
        client.batch().v1().jobs().resource(OutputsPods.job("unknown", "trainer:3").build()).create();
        String pod = awaitMainTerminated(emu, "unknown");

        Exec missing = exec(pod, SIDECAR, List.of("nvidia-smi", "-L"));
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.stderrText()).isEqualTo("sh: nvidia-smi: not found\n");

        Exec pipeline = exec(pod, SIDECAR, List.of("sh", "-c", "ls -l | wc -l"));
        assertThat(pipeline.exitCode()).isEqualTo(2);
        assertThat(pipeline.stderrText()).contains("one simple command", "ls -l | wc -l");

        Exec extract = exec(pod, SIDECAR, List.of("tar", "-xf", "-", "-C", MOUNT));
        assertThat(extract.exitCode()).isEqualTo(1);
        assertThat(extract.stderrText()).contains("'tar -cf - -C <dir> .'", "tar -xf - -C " + MOUNT);

        Exec nowhere = exec(pod, SIDECAR, List.of("tar", "-cf", "-", "-C", "/no/such/dir", "."));
        assertThat(nowhere.exitCode()).isEqualTo(1);
        assertThat(nowhere.stderrText())
                .isEqualTo("tar: can't change directory to '/no/such/dir': No such file or directory\n");

        Exec otherPid = exec(pod, SIDECAR, List.of("kill", "-s", "INT", "42"));
        assertThat(otherPid.exitCode()).isEqualTo(1);
        assertThat(otherPid.stderrText()).isEqualTo("kill: can't kill pid 42: No such process\n");

        assertThat(exec(pod, SIDECAR, List.of("true")).exitCode()).isZero();
        assertThat(state(client.pods().withName(pod).get(), SIDECAR).getRunning())
                .as("a failed kill leaves the sidecar running").isNotNull();
    }

    @Test
    void signalsToAScriptWithoutTrapAreIgnored() throws Exception {
        emu.script("server:1", ContainerScript.create().log("serving").runForever());
        client.batch().v1().jobs().resource(TestJobs.job("serve", "server:1").build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> !emu.pods("default", "serve").isEmpty()
                && state(emu.pods("default", "serve").get(0), "main").getRunning() != null);
        String pod = emu.pods("default", "serve").get(0).getMetadata().getName();

        assertThat(exec(pod, "main", List.of("kill", "-INT", "1")).exitCode()).isZero();
        assertThat(exec(pod, "main", List.of("kill", "1")).exitCode()).isZero();

        emu.awaitSimulationIdle();
        assertThat(state(client.pods().withName(pod).get(), "main").getRunning()).isNotNull();
    }

    @Test
    void execIntoAStoppedOrMissingContainerIsRefusedBeforeTheUpgrade() throws Exception {
        emu.script("trainer:4", ContainerScript.create().exit(0));
        client.batch().v1().jobs().resource(OutputsPods.job("refused", "trainer:4").build()).create();
        String pod = awaitMainTerminated(emu, "refused");

        // fabric8 retries a 500 on the upgrade until its request timeout, as it would against a real kubelet.
        Config noRetries = emu.config();
        noRetries.setRequestRetryBackoffLimit(0);
        CompletableFuture<String> refusal = new CompletableFuture<>();
        try (KubernetesClient once = new KubernetesClientBuilder().withConfig(noRetries)
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            assertThatThrownBy(() -> once.pods().withName(pod).inContainer("main")
                    .writingOutput(OutputStream.nullOutputStream()).usingListener(new ExecListener() {
                        @Override
                        public void onFailure(Throwable t, Response response) {
                            try {
                                refusal.complete(response.code() + " " + response.body());
                            } catch (IOException e) {
                                refusal.completeExceptionally(e);
                            }
                        }

                        @Override
                        public void onClose(int code, String reason) {
                            refusal.complete("closed " + code);
                        }
                    }).exec("true"))
                    .isInstanceOf(KubernetesClientException.class)
                    .hasRootCauseMessage("Expected HTTP 101 response but was '500 Internal Server Error'");
        }
        assertThat(refusal.get(5, TimeUnit.SECONDS)).startsWith("500");
        assertThat(emu.requestCount("GET", "/api/v1/namespaces/default/pods/" + pod + "/exec?command=true"))
                .isEqualTo(1);
        assertThatThrownBy(() -> exec(pod, "nope", List.of("true")))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("container nope not found in pod " + pod);

        String base = "/api/v1/namespaces/default/pods/";
        RawHttp.Reply missingPod = RawHttp.get(emu, base + "ghost/exec?command=true&container=main&stdout=true");
        assertThat(missingPod.code()).isEqualTo(404);
        assertThat(missingPod.body()).contains("\"reason\":\"NotFound\"", "pods \\\"ghost\\\" not found");
        RawHttp.Reply noContainer = RawHttp.get(emu, base + pod + "/exec?command=true&stdout=true");
        assertThat(noContainer.code()).isEqualTo(400);
        assertThat(noContainer.body()).contains("a container name must be specified for pod " + pod
                + ", choose one of: [main " + SIDECAR + "]");
        RawHttp.Reply badContainer = RawHttp.get(emu, base + pod + "/exec?command=true&container=x&stdout=true");
        assertThat(badContainer.body()).contains("container x is not valid for pod " + pod);
        RawHttp.Reply notUpgraded = RawHttp.get(emu, base + pod + "/exec?command=true&container=main&stdout=true");
        assertThat(notUpgraded.code()).isEqualTo(400);
        assertThat(notUpgraded.body()).contains("Upgrade request required");
        RawHttp.Reply stopped = RawHttp.getUpgrade(emu, base + pod + "/exec?command=true&container=main&stdout=true");
        assertThat(stopped.code()).isEqualTo(500);
        assertThat(stopped.body()).isEqualTo("container not found (\"main\")");
        RawHttp.Reply noStreams = RawHttp.getUpgrade(emu, base + pod + "/exec?command=true&container=" + SIDECAR);
        assertThat(noStreams.code()).isEqualTo(400);
        assertThat(noStreams.body()).isEqualTo("you must specify at least 1 of stdin, stdout, stderr");
        assertThat(emu.execCount()).isZero();
    }

    /** What one exec returned. */
    record Exec(int exitCode, byte[] stdout, byte[] stderr) {
        String stderrText() {
            return new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Exec exec(String pod, String container, List<String> command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().withName(pod).inContainer(container).writingOutput(out)
                .writingError(err).exec(command.toArray(String[]::new))) {
            Integer code = watch.exitCode().get(30, TimeUnit.SECONDS);
            return new Exec(code, out.toByteArray(), err.toByteArray());
        }
    }
}
