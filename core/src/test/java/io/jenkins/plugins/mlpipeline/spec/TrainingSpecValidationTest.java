package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;

/** Every validation message names its field and what is allowed. */
class TrainingSpecValidationTest {

    private static TrainingSpec.Builder valid() {
        return TrainingSpec.builder().image("python:3.11");
    }

    private static ListAssert<String> problems(TrainingSpec.Builder builder) {
        try {
            builder.build();
        } catch (SpecValidationException e) {
            return assertThat(e.getProblems());
        }
        throw new AssertionError("expected a SpecValidationException");
    }

    @Test
    void collectsEveryProblemAtOnce() {
        TrainingSpec.Builder builder = TrainingSpec.builder()
                .image("")
                .resource("memory", "4 GB")
                .deadline(Duration.ofSeconds(-5))
                .param("learning rate", 0.1);
        problems(builder).containsExactly(
                "image: must not be empty (example: registry.example.com:5000/team/trainer:1.4)",
                "params: key 'learning rate' is not allowed; use letters, digits, '_' or '-' and start with a letter"
                        + " or '_'",
                "resources.memory: '4 GB' is not a Kubernetes quantity (examples: 4Gi, 4096Mi, 4G, 500m)",
                "deadline: must be positive, got -5s");
        assertThatThrownBy(builder::build).hasMessageStartingWith("Invalid training spec (4 problems):\n - image:");
    }

    @Test
    void aSingleProblemReadsAsOneSentence() {
        assertThatThrownBy(() -> TrainingSpec.builder().build())
                .isInstanceOf(SpecValidationException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid training spec: image: must not be empty (example:"
                        + " registry.example.com:5000/team/trainer:1.4)");
    }

    @Test
    void imageReferenceSanity() {
        problems(valid().image("My/Trainer")).singleElement().asString()
                .contains("image: 'My/Trainer'", "upper-case", "lower-case");
    }

    @Test
    void nameMustNotBeBlankOrHuge() {
        problems(valid().name("  ")).singleElement().asString().startsWith("name: must not be blank");
        problems(valid().name("x".repeat(254))).singleElement().asString()
                .isEqualTo("name: must be at most 253 characters, got 254");
        assertThatCode(() -> valid().name("Überlauf — training #1").build()).doesNotThrowAnyException();
    }

    @Test
    void commandAndArgsMustNotContainNull() {
        problems(valid().command(Arrays.asList("python", null)).args(Arrays.asList((String) null)))
                .containsExactly("command[1]: must not be null (use an empty string for an empty argument)",
                        "args[0]: must not be null (use an empty string for an empty argument)");
    }

    @Test
    void anIsolatedDoubleDashWouldHideTheParamsFromFire() {
        problems(valid().args("--", "x").param("lr", 1)).singleElement().asString()
                .contains("args: contains '--'", "Python Fire");
        assertThatCode(() -> valid().args("--", "x").build()).doesNotThrowAnyException();
    }

    @Test
    void paramValuesMustHaveAPythonLiteral() {
        problems(valid().param("lr", Double.NaN)).singleElement().asString()
                .contains("params.lr: NaN is not allowed", "a finite number");
    }

    @Test
    void envNamesAndValues() {
        problems(valid().env("1BAD", "x").env("GOOD", null)).containsExactly(
                "env: '1BAD' is not a valid environment variable name; use letters, digits, '_', '-' and '.', not"
                        + " starting with a digit (example: LEARNING_RATE)",
                "env.GOOD: value must not be null (use an empty string for an empty value)");
    }

    @Test
    void secretEnvNamesAndReferences() {
        problems(valid().secretEnv("TOKEN", "creds")).singleElement().asString()
                .isEqualTo("secretEnv.TOKEN: 'creds' is not a secret reference; write secret-name/key with exactly"
                        + " one '/' (example: creds/token)");
        problems(valid().secretEnv("TOKEN", "Creds/token")).singleElement().asString()
                .startsWith("secretEnv.TOKEN secret name: 'Creds' is not a valid name")
                .contains("lower-case letters");
        problems(valid().secretEnv("BAD NAME", "creds/token")).singleElement().asString()
                .startsWith("secretEnv: 'BAD NAME' is not a valid environment variable name");
        problems(valid().secretEnv("TOKEN", (String) null)).singleElement().asString()
                .contains("secretEnv.TOKEN: null is not a secret reference");
    }

    @Test
    void anEnvVariableComesFromAValueOrASecretNotBoth() {
        problems(valid().env("TOKEN", "x").secretEnv("TOKEN", "creds/token")).singleElement().asString()
                .isEqualTo("secretEnv.TOKEN: is also set in env; an environment variable comes either from a literal"
                        + " value or from a secret, not both");
    }

    @Test
    void resourcesAreChecked() {
        problems(valid().resource("gpu", "0.5").resource("fpga", "1")).containsExactly(
                "resources.gpu: '0.5' must be a whole number, because Kubernetes counts nvidia.com/gpu in whole"
                        + " units (examples: 1, 2)",
                "resources: 'fpga' is not a resource Kubernetes accepts; use " + Resources.ALLOWED_NAMES);
    }

    @Test
    void labelsAndNodeSelectorFollowLabelRules() {
        problems(valid().label("bad key", "v").label("team", "x".repeat(64)).nodeSelector(Map.of("pool", "a b")))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("nodeSelector.pool: value 'a b' is not a valid label value"),
                        p -> assertThat(p).startsWith("labels: key 'bad key' is not a valid key")
                                .contains("letters, digits, '-', '_' and '.'"),
                        p -> assertThat(p).startsWith("labels.team: value '" + "x".repeat(64) + "'")
                                .contains("at most 63 characters"));
    }

    @Test
    void ourLabelsAndAnnotationsCannotBeSetByUsers() {
        problems(valid()
                .label("app.kubernetes.io/managed-by", "me")
                .label("ml-pipeline.jenkins.io/run-hash", "abc")
                .label("batch.kubernetes.io/job-name", "x")
                .label("job-name", "x")
                .annotation("ml-pipeline.jenkins.io/run-id", "x"))
                .satisfiesExactly(
                        p -> assertThat(p).isEqualTo("labels: key 'app.kubernetes.io/managed-by' is reserved for the"
                                + " plugin, which sets it itself; use another key (keys under 'ml-pipeline.jenkins.io/'"
                                + " and 'app.kubernetes.io/managed-by' are reserved)"),
                        p -> assertThat(p).startsWith("labels: key 'ml-pipeline.jenkins.io/run-hash' is reserved"),
                        p -> assertThat(p).startsWith("labels: key 'batch.kubernetes.io/job-name' is reserved for the"
                                + " Kubernetes Job controller"),
                        p -> assertThat(p).startsWith("labels: key 'job-name' is reserved for the Kubernetes Job"),
                        p -> assertThat(p).startsWith("annotations: key 'ml-pipeline.jenkins.io/run-id' is reserved"));
        assertThatCode(() -> valid().label("app.kubernetes.io/name", "trainer").build()).doesNotThrowAnyException();
    }

    @Test
    void annotations() {
        problems(valid().annotation("Bad Key", "v").annotation("note", null)).containsExactly(
                "annotations: key 'Bad Key' is not a valid key; the name part must use letters, digits, '-', '_' and"
                        + " '.', starting and ending with a letter or digit, at most 63 characters, optionally after"
                        + " a DNS-subdomain prefix and '/' (example: example.com/team)",
                "annotations.note: value must not be null");
        problems(valid().annotation("big", "x".repeat(300 * 1024))).singleElement().asString()
                .contains("annotations:", "at most 262144");
    }

    @Test
    void tolerations() {
        problems(valid()
                .tolerations(Arrays.asList(
                        null,
                        new TolerationBuilder().withKey("k").withOperator("Equals").build(),
                        new TolerationBuilder().withKey("k").withEffect("NoRun").build(),
                        new TolerationBuilder().withValue("v").build(),
                        new TolerationBuilder().withKey("k").withOperator("Exists").withValue("v").build(),
                        new TolerationBuilder().withKey("k").withEffect("NoSchedule").withTolerationSeconds(60L)
                                .build(),
                        new TolerationBuilder().withKey("bad key").withOperator("Exists").build())))
                .containsExactly(
                        "tolerations[0]: must not be null",
                        "tolerations[1].operator: 'Equals' is not allowed; use Equal or Exists",
                        "tolerations[2].effect: 'NoRun' is not allowed; use NoSchedule, PreferNoSchedule or NoExecute"
                                + " (or leave it empty for all effects)",
                        "tolerations[3]: a toleration without a key must use operator Exists",
                        "tolerations[4].value: must be empty when the operator is Exists",
                        "tolerations[5].tolerationSeconds: only allowed with effect NoExecute",
                        "tolerations[6].key: key 'bad key' is not a valid key; the name part must use letters,"
                                + " digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63"
                                + " characters, optionally after a DNS-subdomain prefix and '/' (example:"
                                + " example.com/team)");
    }

    @Test
    void serviceAccountAndPullSecretsAreObjectNames() {
        problems(valid().serviceAccount("Trainer").imagePullSecrets(List.of("ok", "not_ok")))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("serviceAccount: 'Trainer' is not a valid name; use lower-case"),
                        p -> assertThat(p).startsWith("imagePullSecrets: 'not_ok' is not a valid name"));
    }

    @Test
    void volumesAndMounts() {
        problems(valid()
                .volumes(Arrays.asList(
                        new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("Bad_Name").build(),
                        null))
                .volumeMount(new VolumeMountBuilder().withName("data").withMountPath("relative").build())
                .volumeMount(new VolumeMountBuilder().withName("cache").withMountPath("/cache").build())
                .volumeMount(new VolumeMountBuilder().withName("data").withMountPath("/cache").build())
                .volumeMount(null))
                .containsExactly(
                        "volumes[1].name: 'data' is used by another volume; names must be unique",
                        "volumes[2].name: 'Bad_Name' is not a valid name; use lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit, at most 63 characters"
                                + " (example: team-a)",
                        "volumes[3]: must not be null",
                        "volumeMounts[0].mountPath: must be an absolute path (example: /data), got 'relative'",
                        "volumeMounts[1].name: 'cache' is not a volume of this spec or of the pod template; mount one"
                                + " of [Bad_Name, data]",
                        "volumeMounts[2].mountPath: '/cache' is used by another mount; mount paths must be unique",
                        "volumeMounts[3]: must not be null");
    }

    @Test
    void mountsMayUseVolumesOfThePodTemplate() {
        assertThatCode(() -> valid()
                .podTemplateYaml("volumes:\n- name: cache\n  emptyDir: {}\n")
                .volumeMount(new VolumeMountBuilder().withName("cache").withMountPath("/cache").build())
                .build()).doesNotThrowAnyException();
    }

    @Test
    void deadline() {
        problems(valid().deadline(Duration.ZERO)).containsExactly("deadline: must be positive, got 0s");
        problems(valid().deadline(Duration.ofMillis(1500)))
                .containsExactly("deadline: must be a whole number of seconds, got 1.5s");
        problems(valid().deadline(Duration.ofMillis(-1500))).containsExactly("deadline: must be positive, got -1.5s");
    }

    @Test
    void retries() {
        problems(valid().retries(-1)).containsExactly("retries: must be between 0 and 100, got -1");
        problems(valid().retries(101)).containsExactly("retries: must be between 0 and 100, got 101");
        assertThatCode(() -> valid().retries(100).build()).doesNotThrowAnyException();
    }

    @Test
    void ttlAfterFinished() {
        assertThatCode(() -> valid().ttlAfterFinished(Duration.ZERO).build()).doesNotThrowAnyException();
        problems(valid().ttlAfterFinished(Duration.ofSeconds(-1)))
                .containsExactly("ttlAfterFinished: must be zero or positive, got -1s");
        problems(valid().ttlAfterFinished(Duration.ofMillis(10)))
                .containsExactly("ttlAfterFinished: must be a whole number of seconds, got 0.01s");
        problems(valid().ttlAfterFinished(Duration.ofSeconds(Integer.MAX_VALUE + 1L))).singleElement().asString()
                .startsWith("ttlAfterFinished: must be at most 2147483647s");
    }

    @Test
    void podTemplateYamlProblemsAreReported() {
        problems(valid().podTemplateYaml("spec: [")).singleElement().asString()
                .startsWith("podTemplateYaml: is not valid YAML at line 1");
        problems(valid().podTemplateYaml("kind: Job\n")).singleElement().asString()
                .contains("podTemplateYaml: kind 'Job' is not supported");
    }

    @Test
    void nullMapKeysAreReportedNotThrownAsNullPointers() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(null, "x");
        problems(valid().env(env)).singleElement().asString()
                .startsWith("env: null is not a valid environment variable name");
    }
}
