package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PodLogEndpointTest {

    private static final String TIMESTAMPED = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z .*";

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void followStreamsLinesAsTheyAreWrittenAndEndsWhenTheContainerStops() throws Exception {
        emu.script("stream:1", ContainerScript.create().log("first").sleep(Duration.ofMillis(700)).log("second")
                .sleep(Duration.ofMillis(300)).exit(0));
        String pod = runJob("streamer", "stream:1");
        SyncBuffer out = new SyncBuffer();
        try (LogWatch watch = client.pods().withName(pod).watchLog(out)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> out.text().equals("first\n"));
            // The container is still sleeping: the stream is open and the second line has not come yet.
            assertThat(phase(pod)).isEqualTo("Running");
            await().atMost(Duration.ofSeconds(5)).until(() -> out.text().equals("first\nsecond\n"));
            Throwable closeCause = watch.onClose().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(closeCause).isNull();
        }
        assertThat(phase(pod)).isEqualTo("Succeeded");
    }

    @Test
    void timestampsHaveAFixedNineDigitFraction() {
        emu.script("ts:1", ContainerScript.create().log("a").log("b").exit(0));
        String pod = runJob("stamps", "ts:1");
        awaitPhase(pod, "Succeeded");
        String log = client.pods().withName(pod).usingTimestamps().getLog();
        List<String> lines = log.lines().toList();
        assertThat(lines).hasSize(2).allMatch(line -> line.matches(TIMESTAMPED));
        assertThat(lines.get(0)).endsWith(" a");
        assertThat(lines.get(1)).endsWith(" b");
    }

    @Test
    void sinceTimeKeepsOnlyWholeSecondsLikeTheRealApiServer() throws Exception {
        emu.script("since:1", ContainerScript.create().log("only").exit(0));
        String pod = runJob("since", "since:1");
        awaitPhase(pod, "Succeeded");
        Instant written = Instant.parse(client.pods().withName(pod).usingTimestamps().getLog().split(" ")[0]);
        Instant sameSecondLater = written.truncatedTo(ChronoUnit.SECONDS).plusMillis(999);
        Instant nextSecond = written.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);

        RawHttp.Reply sameSecond = RawHttp.get(emu, logPath(pod) + "?sinceTime=" + sameSecondLater);
        RawHttp.Reply later = RawHttp.get(emu, logPath(pod) + "?sinceTime=" + nextSecond);

        // 999 ms after the line, yet the line comes back: the fraction is dropped before filtering.
        assertThat(sameSecond.body()).isEqualTo("only\n");
        assertThat(later.body()).isEmpty();
    }

    @Test
    void unknownPodIs404() throws Exception {
        RawHttp.Reply reply = RawHttp.get(emu, logPath("missing"));
        assertThat(reply.code()).isEqualTo(404);
        assertThat(reply.body()).contains("pods \\\"missing\\\" not found").contains("\"reason\":\"NotFound\"");
    }

    @Test
    void podWithSeveralContainersNeedsAContainerName() throws Exception {
        client.pods().resource(new PodBuilder().withNewMetadata().withName("two").endMetadata().withNewSpec()
                .addNewContainer().withName("main").withImage("a:1").endContainer()
                .addNewContainer().withName("sidecar").withImage("b:1").endContainer()
                .endSpec().build()).create();

        RawHttp.Reply noName = RawHttp.get(emu, logPath("two"));
        RawHttp.Reply badName = RawHttp.get(emu, logPath("two") + "?container=nope");

        assertThat(noName.code()).isEqualTo(400);
        assertThat(noName.body())
                .contains("a container name must be specified for pod two, choose one of: [main sidecar]");
        assertThat(badName.code()).isEqualTo(400);
        assertThat(badName.body()).contains("container nope is not valid for pod two");
    }

    @Test
    void containerThatCannotPullAnswers400WaitingToStart() throws Exception {
        emu.failPull("missing:1", "ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image");
        String pod = startJob("nopull", "missing:1");
        await().atMost(Duration.ofSeconds(5)).until(() -> waitingReason(pod) != null);

        RawHttp.Reply reply = RawHttp.get(emu, logPath(pod));

        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.body()).contains("container \\\"main\\\" in pod \\\"" + pod
                + "\\\" is waiting to start: image can't be pulled");
    }

    @Test
    void podNotBoundToANodeAnswersAnEmptyLog() throws Exception {
        client.pods().resource(new PodBuilder().withNewMetadata().withName("nowhere").endMetadata().withNewSpec()
                .addToNodeSelector("pool", "gpu")
                .addNewContainer().withName("main").withImage("a:1").endContainer()
                .endSpec().build()).create();

        RawHttp.Reply reply = RawHttp.get(emu, logPath("nowhere"));

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }

    private String runJob(String name, String image) {
        String pod = startJob(name, image);
        await().atMost(Duration.ofSeconds(5)).until(() -> !"Pending".equals(phase(pod)));
        return pod;
    }

    private String startJob(String name, String image) {
        client.batch().v1().jobs().resource(job(name, image).build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", name).isEmpty());
        return emu.pods("default", name).get(0).getMetadata().getName();
    }

    private void awaitPhase(String pod, String phase) {
        await().atMost(Duration.ofSeconds(5)).until(() -> phase.equals(phase(pod)));
    }

    private String phase(String pod) {
        Pod current = client.pods().withName(pod).get();
        return current == null || current.getStatus() == null ? null : current.getStatus().getPhase();
    }

    private String waitingReason(String pod) {
        Pod current = client.pods().withName(pod).get();
        if (current == null || current.getStatus() == null || current.getStatus().getContainerStatuses() == null
                || current.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        var waiting = current.getStatus().getContainerStatuses().get(0).getState().getWaiting();
        return waiting == null || "ContainerCreating".equals(waiting.getReason()) ? null : waiting.getReason();
    }

    private static String logPath(String pod) {
        return "/api/v1/namespaces/default/pods/" + pod + "/log";
    }

    /** An output stream safe to read while the log watch writes to it. */
    static final class SyncBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
