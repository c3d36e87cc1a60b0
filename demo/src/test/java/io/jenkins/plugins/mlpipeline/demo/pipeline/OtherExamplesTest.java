package io.jenkins.plugins.mlpipeline.demo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Result;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/detached-sensor.Jenkinsfile and examples/hyperparameter-sweep.Jenkinsfile. */
class OtherExamplesTest {

    /**
     * A trainer whose val_accuracy depends on --lr and --batch_size, as a local sh process (no python3 needed):
     * the sweep must pick lr=0.1 batch_size=32.
     */
    private static final String GRID_TRAINER = String.join("\n",
            "for a in \"$@\"; do case \"$a\" in",
            "  --lr=*) lr=\"${a#--lr=}\";; --batch_size=*) bs=\"${a#--batch_size=}\";;",
            "  --output_dir=*) out=\"${a#--output_dir=}\";; esac; done",
            "case \"$lr/$bs\" in 0.1/32) acc=0.93;; 0.1/128) acc=0.90;; 0.01/32) acc=0.88;; *) acc=0.85;; esac",
            "echo \"training lr=$lr batch_size=$bs\"",
            "echo \"{\\\"epoch\\\": 1, \\\"val_accuracy\\\": $acc}\"",
            "mkdir -p \"$out\" && echo '{\"weights\": [1]}' > \"$out/model.json\"",
            "echo \"{\\\"accuracy\\\": $acc}\" > \"$out/result.json\"");

    @TempDir
    Path home;
    ClusterEmulator emu;
    PipelineHarness harness;

    @BeforeEach
    void start() throws Exception {
        emu = PipelineHarness.exampleCluster().build();
        harness = new PipelineHarness(emu, home, null);
    }

    @AfterEach
    void stop() {
        harness.close();
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void detachedSensorLaunchesWorksInParallelAndThenWaitsForTheRun() throws Exception {
        emu.script(ScriptedTrainer.IMAGE, ScriptedTrainer.reaching(0.88, 3, Duration.ofMillis(400)));

        BuildResult build = harness.run("nightly", Path.of("..", "examples", "detached-sensor.Jenkinsfile"),
                BuildOptions.defaults());

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        List<String> lines = build.lines();
        int launched = indexOf(lines, "(status PENDING); carrying on");
        int otherWork = indexOf(lines, "[Prepare evaluation data] Evaluation set ready");
        int done = indexOf(lines, "SUCCEEDED: val_accuracy 0.88");
        assertThat(launched).isLessThan(otherWork);
        assertThat(otherWork).isLessThan(done);
        assertThat(build.log()).contains("[Current production model] No production model yet");
        // The training ran while the build did other work: its first metric line came before the sensor started.
        assertThat(indexOf(lines, "[Pipeline] mlSensor")).isGreaterThan(launched);
    }

    @Test
    void sweepTrainsTheGridInParallelAndRegistersOnlyTheBest() throws Exception {
        emu.script(ScriptedTrainer.IMAGE, ContainerScript.localProcess(List.of("sh", "-c", GRID_TRAINER, "train")));

        BuildResult build = harness.run("sweep", Path.of("..", "examples", "hyperparameter-sweep.Jenkinsfile"),
                BuildOptions.defaults());

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(emu.client().batch().v1().jobs().inNamespace(PipelineHarness.NAMESPACE).list().getItems())
                .hasSize(4);
        assertThat(build.log()).contains("[lr=0.1 batch_size=32] training lr=0.1 batch_size=32",
                "Best: lr=0.1 batch_size=32", "Registered churn-sweep version 1");
        ModelSummary summary = harness.registry().summary("churn-sweep");
        assertThat(summary.versions()).hasSize(1);
        assertThat(summary.versions().get(0).lineage().params()).containsEntry("batch_size", 32);
        assertThat(summary.versions().get(0).lineage().metrics()).containsEntry("val_accuracy", 0.93);
    }

    @Test
    void aFailedSweepRunStopsTheOthersAndRegistersNothing() throws Exception {
        emu.script(ScriptedTrainer.IMAGE, ContainerScript.localProcess(List.of("sh", "-c",
                "case \"$*\" in *--lr=0.01*--batch_size=32*) echo diverged; exit 3;; esac; exec sleep 30", "train")));

        BuildResult build = harness.run("sweep", Path.of("..", "examples", "hyperparameter-sweep.Jenkinsfile"),
                BuildOptions.defaults());

        assertThat(build.result()).as(build.log()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("[lr=0.01 batch_size=32] diverged", "exited with code 3",
                "Stage \"Register the best\" skipped due to earlier failure(s)");
        // failFast: the other three runs were aborted and their Jobs deleted.
        assertThat(build.lines()).filteredOn(l -> l.contains("[ml] Deleted Job")
                && l.endsWith("because the build was aborted")).hasSize(3);
        assertThat(harness.registry().models()).isEmpty();
        // Let the aborted pods finish terminating before the cluster shuts down.
        await().atMost(Duration.ofSeconds(30)).until(() -> emu.client().pods().inAnyNamespace().list().getItems()
                .stream().noneMatch(p -> p.getMetadata().getDeletionTimestamp() != null));
        emu.awaitSimulationIdle();
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + part + " in\n" + String.join("\n", lines));
    }
}
