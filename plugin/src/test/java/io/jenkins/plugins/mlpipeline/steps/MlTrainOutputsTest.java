package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mlTrain(outputs:) end to end: sidecar, exec tar, archive into the build, result.json in the returned map. */
class MlTrainOutputsTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private StepHarness h;

    @BeforeEach
    void start() {
        h = new StepHarness();
        h.emu.script(StepHarness.SIDECAR_IMAGE, ContainerScript.create().waitForSignal());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static MlTrainStep step(String image) {
        MlTrainStep step = new MlTrainStep(image);
        step.setName("train");
        step.setCommand(List.of("python", "train.py"));
        step.setOutputs("/ml/outputs");
        return step;
    }

    private static StepExecution launch(MlTrainStep step, TestStepContext.Build build) throws Exception {
        StepExecution execution = step.start(new TestStepContext(build));
        assertThat(execution.start()).isFalse();
        return execution;
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputsAreArchivedUnderTheRunNameAndResultJsonIsReturned() throws Exception {
        h.emu.script("trainer:1", ContainerScript.create()
                .log("{\"loss\": 0.1}")
                .writeFile("/ml/outputs/model.bin", "weights")
                .writeFile("/ml/outputs/eval/report.txt", "ok")
                .writeFile("/ml/outputs/result.json", "{\"accuracy\": 0.93, \"labels\": [\"cat\", \"dog\"]}")
                .exit(0));
        MlTrainStep step = step("trainer:1");
        step.setParams(Map.of("lr", 0.1));
        step.setInputs(Map.of("dataset", "s3://data/v3"));
        TestStepContext.Build build = h.newBuild();
        launch(step, build);

        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result).containsKeys(RunMaps.KEYS);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        String prefix = "ml/" + result.get("name") + "/";
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) result.get("outputs");
        assertThat(outputs).extracting(o -> o.get("path"))
                .containsExactly("eval/report.txt", "model.bin", "result.json");
        assertThat(outputs.get(1)).containsEntry("size", 7L).containsEntry("artifact", prefix + "model.bin")
                // sha256 of "weights", computed once with sha256sum
                .containsEntry("sha256", "9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c");
        assertThat((Map<String, Object>) result.get("result")).containsEntry("accuracy", 0.93);
        assertThat(result.get("image")).isEqualTo("trainer:1");
        assertThat((Map<String, Object>) result.get("params")).containsEntry("lr", 0.1);
        assertThat((Map<String, Object>) result.get("inputs")).containsEntry("dataset", "s3://data/v3");
        assertThat(result.get("build")).isEqualTo(build.run.getExternalizableId());
        try (InputStream in = h.artifacts.open(build.run, prefix + "model.bin")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("weights");
        }
        assertThat(build.log()).contains("[ml] archived 3 output files as build artifacts under " + prefix);
        assertThat(OutputArchiving.stagingDir(build.run, (String) result.get("name")))
                .as("the staging copy is removed once archived").doesNotExist();
        assertThat(h.jobs().get(0).getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName()).containsExactly(JobLabels.MAIN_CONTAINER, JobLabels.OUTPUTS_CONTAINER);
    }

    @Test
    void aFailedRunCollectsNothingAndStillEnds() throws Exception {
        h.emu.script("trainer:bad", ContainerScript.create().writeFile("/ml/outputs/partial.bin", "x")
                .log("boom").exit(2));
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:bad"), build);
        Throwable failure = build.awaitFailure(WAIT);
        assertThat(failure).isExactlyInstanceOf(AbortException.class).hasMessageContaining("exited with code 2");
        assertThat(h.artifacts.dirOf(build.run)).doesNotExist();
    }

    @Test
    void outputsOverTheLimitFailNamingTheSettingAndKeepNothing() throws Exception {
        var d = h.defaults;
        h.defaults = new io.jenkins.plugins.mlpipeline.config.PipelineDefaults(d.defaultCloud(), d.defaultNamespace(),
                d.defaultTimeout(), d.imagePullGrace(), d.pendingTimeout(), d.allowedImages(),
                d.restrictedPodSecurity(), d.outputsImage(),
                new io.jenkins.plugins.mlpipeline.outputs.OutputLimits(1024, 100));
        h.emu.script("trainer:big", ContainerScript.create().writeFile("/ml/outputs/model.bin", 4096L).exit(0));
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:big"), build);
        Throwable failure = build.awaitFailure(WAIT);
        assertThat(failure).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("OutputsRejected").hasMessageContaining("outputsMaxBytes");
        assertThat(h.artifacts.dirOf(build.run)).doesNotExist();
        assertThat(Files.exists(build.run.getRootDir().toPath().resolve("ml-outputs")) 
                && Files.list(build.run.getRootDir().toPath().resolve("ml-outputs")).findAny().isPresent())
                .as("nothing half-created on disk").isFalse();
    }

    @Test
    void theOutputsImageMustBeAllowedToo() throws Exception {
        var d = h.defaults;
        h.defaults = new io.jenkins.plugins.mlpipeline.config.PipelineDefaults(d.defaultCloud(), d.defaultNamespace(),
                d.defaultTimeout(), d.imagePullGrace(), d.pendingTimeout(), "trainer:.*", d.restrictedPodSecurity(),
                d.outputsImage(), d.outputLimits());
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:1"), build);
        assertThat(build.awaitFailure(WAIT)).hasMessageContaining(StepHarness.SIDECAR_IMAGE);
        assertThat(h.jobs()).isEmpty();
    }
}
