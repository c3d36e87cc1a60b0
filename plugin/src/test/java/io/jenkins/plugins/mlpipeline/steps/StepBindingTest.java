package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Steps built from named arguments the way a Jenkinsfile's {@code mlTrain(image: ..., ...)} is bound. */
class StepBindingTest {

    /** Stands in for Groovy's GString: text that is not a String. */
    private static CharSequence gstring(String s) {
        return new StringBuilder(s);
    }

    @Test
    void everyMlTrainArgumentBinds() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("image", "registry.example.com/trainer:1");
        args.put("name", "resnet");
        args.put("command", List.of("python", "train.py"));
        args.put("args", List.of("--data", "/data"));
        args.put("params", Map.of("lr", 0.01, "epochs", 3, "tag", gstring("v1.10")));
        args.put("env", Map.of("MODE", "fast"));
        args.put("secretEnv", Map.of("TOKEN", "creds/token"));
        args.put("resources", Map.of("gpu", 1, "memory", "8Gi"));
        args.put("nodeSelector", Map.of("pool", "gpu"));
        args.put("tolerations", List.of(Map.of("key", "gpu", "operator", "Exists")));
        args.put("serviceAccount", "trainer");
        args.put("imagePullSecrets", List.of("regcred"));
        args.put("podTemplate", "gpu-template");
        args.put("podYaml", "priorityClassName: low");
        args.put("cloud", "k8s");
        args.put("namespace", "ml");
        args.put("timeout", 90);
        args.put("retries", 2);
        args.put("wait", false);
        args.put("quiet", "true");
        MlTrainStep step = StepBinder.bind(MlTrainStep.class, args);

        assertThat(step.getImage()).isEqualTo("registry.example.com/trainer:1");
        assertThat(step.getName()).isEqualTo("resnet");
        assertThat(step.getCommand()).containsExactly("python", "train.py");
        assertThat(step.getArgs()).containsExactly("--data", "/data");
        // GString values arrive as Strings; numbers stay numbers (Fire renders them verbatim).
        assertThat(step.getParams()).containsEntry("tag", "v1.10").containsEntry("lr", 0.01);
        assertThat(step.getParams().get("tag")).isInstanceOf(String.class);
        assertThat(step.getResources()).containsEntry("gpu", "1");
        assertThat(step.getSecretEnv()).containsEntry("TOKEN", "creds/token");
        assertThat(step.getTolerations()).hasSize(1);
        assertThat(step.getTimeout()).isEqualTo("90");
        assertThat(step.getRetries()).isEqualTo(2);
        assertThat(step.isWait()).isFalse();
        assertThat(step.isQuiet()).isTrue();
        assertThat(step.getPodTemplate()).isEqualTo("gpu-template");
        assertThat(step.getServiceAccount()).isEqualTo("trainer");
    }

    @Test
    void defaultsAreWaitAndNotQuiet() throws Exception {
        MlTrainStep step = StepBinder.bind(MlTrainStep.class, Map.of("image", "trainer:1"));
        assertThat(step.isWait()).isTrue();
        assertThat(step.isQuiet()).isFalse();
        assertThat(step.getTimeout()).isNull();
        MlSensorStep sensor = StepBinder.bind(MlSensorStep.class, Map.of("job", "x"));
        assertThat(sensor.isFollowLogs()).isTrue();
        assertThat(sensor.isSoftFail()).isFalse();
    }

    @Test
    void unknownArgumentFailsNamingIt() {
        assertThatThrownBy(() -> StepBinder.bind(MlTrainStep.class, Map.of("image", "trainer:1", "gpus", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown parameter(s)")
                .hasMessageContaining("gpus");
        assertThatThrownBy(() -> StepBinder.bind(MlSensorStep.class, Map.of("jobName", "x")))
                .hasMessageContaining("jobName");
    }

    @Test
    void mistypedArgumentFailsNamingIt() {
        assertThatThrownBy(() -> StepBinder.bind(MlTrainStep.class, Map.of("image", "t:1", "retries", "two")))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("MlTrainStep.retries");
        assertThatThrownBy(() -> StepBinder.bind(MlTrainStep.class, Map.of("image", "t:1", "command", "python")))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("MlTrainStep.command");
        assertThatThrownBy(() -> StepBinder.bind(MlTrainStep.class, Map.of("image", "t:1",
                "env", Map.of("A", List.of("x")))))
                .hasMessageContaining("env.A: must be a single value, not a list");
    }

    @Test
    void sensorTargetFromMapIdOrJob() throws Exception {
        MlSensorStep byMap = StepBinder.bind(MlSensorStep.class, Map.of("run",
                Map.of("id", "ml/train-abc", "cloud", "k8s", "uid", "u-1")));
        assertThat(SensorTarget.of(byMap)).isEqualTo(new SensorTarget("k8s", "ml", "train-abc", "u-1"));
        MlSensorStep byId = StepBinder.bind(MlSensorStep.class, Map.of("run", gstring("ml/train-abc")));
        assertThat(SensorTarget.of(byId)).isEqualTo(new SensorTarget(null, "ml", "train-abc", null));
        MlSensorStep byJob = StepBinder.bind(MlSensorStep.class, Map.of("job", "other", "namespace", "team"));
        assertThat(SensorTarget.of(byJob)).isEqualTo(new SensorTarget(null, "team", "other", null));
    }

    @Test
    void sensorTargetMistakesAreNamed() throws Exception {
        assertThatThrownBy(() -> SensorTarget.of(StepBinder.bind(MlSensorStep.class, Map.of())))
                .hasMessageContaining("run: or job: is required");
        assertThatThrownBy(() -> SensorTarget.of(StepBinder.bind(MlSensorStep.class,
                Map.of("run", "ml/a", "job", "b")))).hasMessageContaining("not both");
        assertThatThrownBy(() -> SensorTarget.of(StepBinder.bind(MlSensorStep.class, Map.of("run", "nonamespace"))))
                .hasMessageContaining("run: 'nonamespace' is not a run id");
        assertThatThrownBy(() -> SensorTarget.of(StepBinder.bind(MlSensorStep.class, Map.of("run", Map.of("x", 1)))))
                .hasMessageContaining("the map has no 'id'");
        assertThatThrownBy(() -> SensorTarget.of(StepBinder.bind(MlSensorStep.class,
                Map.of("run", "ml/a", "namespace", "other")))).hasMessageContaining("contradicts");
    }

    @Test
    void descriptorsNameTheFunctionsAndNeedNoAgent() {
        assertThat(new MlTrainStep.DescriptorImpl().getFunctionName()).isEqualTo("mlTrain");
        assertThat(new MlSensorStep.DescriptorImpl().getFunctionName()).isEqualTo("mlSensor");
        java.util.Set<Object> runAndListener = java.util.Set.of(hudson.model.Run.class, hudson.model.TaskListener.class);
        assertThat(new java.util.HashSet<Object>(new MlTrainStep.DescriptorImpl().getRequiredContext()))
                .isEqualTo(runAndListener);
        assertThat(new java.util.HashSet<Object>(new MlSensorStep.DescriptorImpl().getRequiredContext()))
                .isEqualTo(runAndListener);
        assertThat(new MlTrainStep.DescriptorImpl().argumentsToString(Map.of("image", "t:1"))).isEqualTo("t:1");
        assertThat(new MlSensorStep.DescriptorImpl().argumentsToString(Map.of("run", Map.of("id", "ml/x"))))
                .isEqualTo("ml/x");
    }
}
