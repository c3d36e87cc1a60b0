package io.jenkins.plugins.mlpipeline.demo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/Jenkinsfile, run by the harness against the emulator with a scripted trainer. */
class FlagshipJenkinsfileTest {

    static final Path FLAGSHIP = Path.of("..", "examples", "Jenkinsfile");

    @TempDir
    Path home;
    ClusterEmulator emu;
    PipelineHarness harness;

    @BeforeEach
    void start() throws Exception {
        emu = PipelineHarness.exampleCluster().build();
        emu.script(ScriptedTrainer.IMAGE, ScriptedTrainer.reaching(0.91, 4, Duration.ofMillis(50)));
        harness = new PipelineHarness(emu, home, null);
    }

    @AfterEach
    void stop() {
        harness.close();
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void trainsRegistersStagingAndAfterApprovalPromotesToProductionThenTheSecondRunIsACacheHit() throws Exception {
        BuildResult first = harness.run("churn", FLAGSHIP, BuildOptions.defaults().startedBy("alice")
                .gitCommit("0123456789abcdef0123456789abcdef01234567")
                .answerInputs(InputAnswer.approve("bob")));

        assertThat(first.result()).as(first.log()).isEqualTo(Result.SUCCESS);
        assertThat(first.cronTriggers()).containsExactly("H 3 * * 1");
        assertThat(first.log()).contains("{\"epoch\": 4,", "Quality gate passed: val_accuracy 0.91",
                "Registered churn version 1 as staging", "Approved by bob",
                "production: version none -> 1, approved by bob");
        assertThat(first.log()).doesNotContain("input inside node");
        ModelSummary summary = harness.registry().summary("churn");
        assertThat(summary.aliases()).containsEntry("staging", 1).containsEntry("production", 1);
        ModelVersion v1 = summary.versions().get(0);
        assertThat(v1.lineage().buildId()).isEqualTo("churn#1");
        assertThat(v1.lineage().gitCommit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(v1.lineage().metrics()).containsEntry("val_accuracy", 0.91);
        assertThat(v1.files()).extracting(f -> f.path()).contains("model.json", "result.json");
        assertThat(first.description()).isEqualTo("churn v1 in production");

        // The GPU request and the administrator's template reached the pod.
        Job job = emu.client().batch().v1().jobs().inNamespace(PipelineHarness.NAMESPACE).list().getItems().get(0);
        Pod pod = emu.pods(PipelineHarness.NAMESPACE, job.getMetadata().getName()).get(0);
        assertThat(pod.getSpec().getNodeName()).isEqualTo("gpu-node-1");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("accelerator", "nvidia");
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits().get("nvidia.com/gpu"))
                .hasToString("1");

        BuildResult second = harness.run("churn", FLAGSHIP, BuildOptions.defaults()
                .answerInputs(InputAnswer.approve("bob")));

        assertThat(second.result()).as(second.log()).isEqualTo(Result.SUCCESS);
        assertThat(second.log()).contains("reused from churn#1", "Registered churn version 2 as staging");
        assertThat(emu.client().batch().v1().jobs().inNamespace(PipelineHarness.NAMESPACE).list().getItems())
                .as("a cache hit launches no Job").hasSize(1);
        summary = harness.registry().summary("churn");
        assertThat(summary.aliases()).containsEntry("production", 2);
        assertThat(summary.versions().get(1).lineage().cacheKey()).isEqualTo(v1.lineage().cacheKey());
    }

    @Test
    void rejectingTheInputAbortsTheBuildWithoutPromotion() throws Exception {
        BuildResult build = harness.run("churn", FLAGSHIP, BuildOptions.defaults()
                .answerInputs(InputAnswer.reject("carol")));

        assertThat(build.result()).as(build.log()).isEqualTo(Result.ABORTED);
        assertThat(build.log()).contains("Rejected by carol", "Stage \"Promote\" skipped due to earlier failure(s)",
                "Aborted (rejected, timed out or stopped)");
        ModelSummary summary = harness.registry().summary("churn");
        assertThat(summary.aliases()).containsOnlyKeys("staging");
    }

    @Test
    void aModelBelowTheGateFailsTheBuildAndIsNotRegistered() throws Exception {
        BuildResult build = harness.run("churn", FLAGSHIP, BuildOptions.defaults().parameter("MIN_ACCURACY", "0.95")
                .answerInputs(InputAnswer.approve("bob")));

        assertThat(build.result()).as(build.log()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("ERROR: val_accuracy 0.91 is below MIN_ACCURACY 0.95",
                "Stage \"Register\" skipped due to earlier failure(s)", "Retraining failed");
        assertThat(harness.registry().models()).isEmpty();
    }

    @Test
    void inUnstableModeAModelBelowTheGateMarksTheBuildUnstableAndIsNotRegistered() throws Exception {
        BuildResult build = harness.run("churn", FLAGSHIP, BuildOptions.defaults().parameter("MIN_ACCURACY", "0.95")
                .parameter("BELOW_MIN_ACCURACY", "unstable").answerInputs(InputAnswer.approve("bob")));

        assertThat(build.result()).as(build.log()).isEqualTo(Result.UNSTABLE);
        assertThat(build.log()).contains("WARNING: val_accuracy 0.91 is below MIN_ACCURACY 0.95",
                "Stage \"Register\" skipped due to when conditional", "did not pass the quality gate");
        assertThat(harness.registry().models()).isEmpty();
    }

    @Test
    void withoutDeployTheModelIsOnlyStaged() throws Exception {
        BuildResult build = harness.run("churn", FLAGSHIP, BuildOptions.defaults().parameter("DEPLOY", false));

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(build.log()).contains("Stage \"Approve\" skipped due to when conditional");
        assertThat(harness.registry().summary("churn").aliases()).containsOnlyKeys("staging");
    }

    @Test
    void aFailedTrainingFailsTheBuild() throws Exception {
        emu.script(ScriptedTrainer.IMAGE, io.jenkins.plugins.mlpipeline.testkit.ContainerScript.create()
                .log("Traceback (most recent call last):").log("RuntimeError: loss diverged").exit(3));

        BuildResult build = harness.run("churn", FLAGSHIP, BuildOptions.defaults()
                .answerInputs(InputAnswer.approve("bob")));

        assertThat(build.result()).as(build.log()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("RuntimeError: loss diverged", "Retraining failed");
        assertThat(harness.registry().models()).isEmpty();
        assertThat(List.of(build.log().split("\n"))).noneMatch(l -> l.contains("Approved by"));
    }
}
