package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mlTrain(wait: false, outputs:) then mlSensor: the sensor collects and archives the outputs. */
class MlSensorOutputsTest {

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

    @Test
    @SuppressWarnings("unchecked")
    void theSensorCollectsTheOutputsOfADetachedRun() throws Exception {
        h.emu.script("trainer:1", ContainerScript.create().writeFile("/ml/outputs/model.bin", "weights")
                .writeFile("/ml/outputs/result.json", "{\"accuracy\": 0.9}").exit(0));
        MlTrainStep train = new MlTrainStep("trainer:1");
        train.setName("detached");
        train.setOutputs("/ml/outputs");
        train.setWait(false);
        TestStepContext.Build build = h.newBuild();
        assertThat(train.start(new TestStepContext(build)).start()).isFalse();
        Map<String, Object> launched = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(launched.get("status")).isEqualTo("PENDING");

        MlSensorStep sensor = new MlSensorStep();
        sensor.setRun(launched);
        TestStepContext.Build sensing = build.again();
        assertThat(sensor.start(new TestStepContext(sensing)).start()).isFalse();
        Map<String, Object> done = (Map<String, Object>) sensing.awaitResult(WAIT);

        assertThat(done.get("status")).isEqualTo("SUCCEEDED");
        assertThat((Map<String, Object>) done.get("result")).containsEntry("accuracy", 0.9);
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) done.get("outputs");
        assertThat(outputs).extracting(o -> o.get("path")).containsExactly("model.bin", "result.json");
        String artifact = (String) outputs.get(0).get("artifact");
        assertThat(artifact).isEqualTo("ml/" + launched.get("name") + "/model.bin");
        try (InputStream in = h.artifacts.open(build.run, artifact)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("weights");
        }
    }
}
