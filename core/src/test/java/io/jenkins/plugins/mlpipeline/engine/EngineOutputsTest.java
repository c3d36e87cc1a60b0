package io.jenkins.plugins.mlpipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.launch.LaunchResult;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.outputs.OutputFile;
import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs end to end on the emulator: sidecar, exec tar, release, restart between collection and completion. */
class EngineOutputsTest {

    private static final String SIDECAR = "busybox:1.37";

    @TempDir
    Path tmp;
    private EngineHarness h;

    @BeforeEach
    void start() {
        h = EngineHarness.start();
        h.emu.script(SIDECAR, ContainerScript.create().waitForSignal());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static io.jenkins.plugins.mlpipeline.spec.TrainingSpec spec(String image) {
        return EngineHarness.spec(image).outputs("/ml/outputs").outputsImage(SIDECAR).build();
    }

    private EngineHarness.Running run(TrainingEngine engine, String image, Path dest, OutputLimits limits) {
        LaunchResult launched = engine.launch(spec(image), EngineHarness.id("outputs/" + image), EngineHarness.NS);
        CollectingObserver observer = new CollectingObserver();
        RunFollow follow = engine.follow(launched.ref(), LogPosition.START, MetricsSnapshot.empty(),
                new OutputRequest(dest, limits), observer);
        return new EngineHarness.Running(launched.ref(), follow, observer);
    }

    @Test
    void filesAreCollectedWithDigestsAndTheSidecarIsReleased() throws Exception {
        h.emu.script("trainer:1", ContainerScript.create()
                .writeFile("/ml/outputs/model.bin", "weights")
                .writeFile("/ml/outputs/result.json", "{\"uri\": \"s3://models/m.bin\", \"sha256\": \""
                        + "9A129038D9A00AED0CF6A7EA059CA50A813449061AB87848CF1A13EAFDF33B2C\"}")
                .log("done"));
        Path dest = tmp.resolve("out");
        RunResult result = run(h.engine(), "trainer:1", dest, OutputLimits.DEFAULT).await();

        assertThat(result.verdict().phase()).as(result.verdict().message()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(result.outputs().files()).extracting(OutputFile::path).containsExactly("model.bin", "result.json");
        assertThat(result.outputs().files().get(0).sha256())
                .isEqualTo("9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c");
        assertThat(Files.readString(dest.resolve("model.bin"))).isEqualTo("weights");
        assertThat(result.outputs().remote()).hasValueSatisfying(r -> {
            assertThat(r.uri()).isEqualTo("s3://models/m.bin");
            assertThat(r.sha256()).isEqualTo("9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c");
        });
        assertThat(result.toMap()).containsKeys("outputs", "outputBytes", "result", "remoteModel");
        assertThat(new OutputRequest(dest, OutputLimits.DEFAULT).manifest()).exists();
        Pod pod = h.emu.pods(EngineHarness.NS, result.ref().name()).get(0);
        assertThat(sidecar(pod).getState().getTerminated().getExitCode()).as("released, not killed").isZero();
        assertThat(h.emu.simulationErrors()).isEmpty();
    }

    @Test
    void aFailedMainContainerReleasesTheSidecarAndCollectsNothing() throws Exception {
        h.emu.script("trainer:bad", ContainerScript.create().writeFile("/ml/outputs/half.bin", "x").exit(1));
        Path dest = tmp.resolve("out");
        RunResult result = run(h.engine(), "trainer:bad", dest, OutputLimits.DEFAULT).await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().message()).contains("exited with code 1");
        assertThat(result.outputs()).isNull();
        assertThat(dest).doesNotExist();
    }

    @Test
    void outputsOverTheLimitFailTheRunAndLeaveNothingOnDisk() throws Exception {
        h.emu.script("trainer:big", ContainerScript.create().writeFile("/ml/outputs/a.bin", 10_000L)
                .writeFile("/ml/outputs/b.bin", 10_000L));
        Path dest = tmp.resolve("out");
        RunResult result = run(h.engine(), "trainer:big", dest, new OutputLimits(15_000, 10)).await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isEqualTo("OutputsRejected");
        assertThat(result.verdict().message()).contains("outputsMaxBytes");
        assertThat(tmp).isEmptyDirectory();
        Pod pod = h.emu.pods(EngineHarness.NS, result.ref().name()).get(0);
        assertThat(sidecar(pod).getState().getTerminated()).as("released even so").isNotNull();
    }

    @Test
    void aControllerRestartAfterTheCollectionReadsTheManifest() throws Exception {
        h.emu.script("trainer:2", ContainerScript.create().writeFile("/ml/outputs/model.bin", "weights"));
        Path dest = tmp.resolve("out");
        TrainingEngine first = h.engine();
        EngineHarness.Running running = run(first, "trainer:2", dest, OutputLimits.DEFAULT);
        // Wait until the sidecar has been released (so the files are collected), then "restart" before the
        // engine reports, by following again from a new engine.
        await().atMost(Duration.ofSeconds(30)).until(() -> h.emu.pods(EngineHarness.NS, running.ref().name()).stream()
                .anyMatch(p -> sidecar(p) != null && sidecar(p).getState().getTerminated() != null));
        first.close();
        CollectingObserver again = new CollectingObserver();
        h.engine().follow(running.ref(), LogPosition.START, MetricsSnapshot.empty(),
                new OutputRequest(dest, OutputLimits.DEFAULT), again);
        RunResult result = again.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).as(result.verdict().message()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(result.outputs().files()).extracting(OutputFile::path).containsExactly("model.bin");
    }

    @Test
    void aRestartBeforeTheCollectionCollectsOnResume() throws Exception {
        h.emu.script("trainer:3", ContainerScript.create().writeFile("/ml/outputs/model.bin", "weights"));
        Path dest = tmp.resolve("out");
        // Nobody follows while the run trains: the sidecar keeps the pod (and its files) until someone collects.
        LaunchResult launched = h.engine().launch(spec("trainer:3"), EngineHarness.id("late"), EngineHarness.NS);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.emu.pods(EngineHarness.NS, launched.ref().name())
                .stream().anyMatch(p -> p.getStatus().getContainerStatuses().stream()
                        .anyMatch(s -> s.getName().equals(JobLabels.MAIN_CONTAINER) && s.getState().getTerminated() != null)));
        CollectingObserver observer = new CollectingObserver();
        h.engine().follow(launched.ref(), LogPosition.START, MetricsSnapshot.empty(),
                new OutputRequest(dest, OutputLimits.DEFAULT), observer);
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).as(result.verdict().message()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(Files.readString(dest.resolve("model.bin"))).isEqualTo("weights");
    }

    @Test
    void aSensorFollowingARunWithoutOutputsDoesNotAskForThem() throws Exception {
        h.emu.script("trainer:plain", ContainerScript.create().log("done"));
        TrainingEngine engine = h.engine();
        LaunchResult launched = engine.launch(EngineHarness.spec("trainer:plain").build(), EngineHarness.id("plain"),
                EngineHarness.NS);
        CollectingObserver observer = new CollectingObserver();
        engine.follow(launched.ref(), LogPosition.START, MetricsSnapshot.empty(),
                new OutputRequest(tmp.resolve("out"), OutputLimits.DEFAULT), observer);
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).as(result.verdict().message()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(result.outputs()).isNull();
    }

    @Test
    void aSidecarThatCannotBeReleasedEndsTheRunAndItsJobInsteadOfHoldingThePod() throws Exception {
        h.emu.script("trainer:4", ContainerScript.create().sleep(Duration.ofMillis(500))
                .writeFile("/ml/outputs/model.bin", "weights"));
        h.emu.faults().forbidExec(true); // the cloud's Role lacks pods/exec
        EngineHarness.Running running = run(h.engine(), "trainer:4", tmp.resolve("out"), OutputLimits.DEFAULT);
        RunResult result = running.observer().await(Duration.ofSeconds(60));
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isEqualTo("OutputsNotReleased");
        assertThat(result.verdict().message()).contains("pods/exec").contains("the Job is deleted");
        await().atMost(Duration.ofSeconds(30)).until(() -> h.job(running.ref()) == null);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aConnectionLostDuringTheCopyFailsTheRunAndLeavesNothingHalfWritten() throws Exception {
        // 2 GiB of zeros: the copy takes seconds, long enough to cut it (the emulator keeps the file sparse).
        h.emu.script("trainer:5", ContainerScript.create().writeFile("/ml/outputs/model.bin", 2L << 30));
        Path dest = tmp.resolve("out");
        EngineHarness.Running running = run(h.engine(), "trainer:5", dest, OutputLimits.DEFAULT);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> running.observer().lines.stream().anyMatch(l -> l.startsWith("[ml] collecting outputs")));
        Thread.sleep(300);
        h.emu.faults().dropExecStreams();
        RunResult result = running.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isIn("OutputsNotCollected", "OutputsRejected");
        assertThat(tmp).as("no partial copy, no manifest").isEmptyDirectory();
    }

    private static ContainerStatus sidecar(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getName().equals(JobLabels.OUTPUTS_CONTAINER)).findFirst().orElse(null);
    }
}
