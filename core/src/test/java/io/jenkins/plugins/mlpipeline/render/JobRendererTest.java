package io.jenkins.plugins.mlpipeline.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRendererTest {

    private static final RunIdentity IDENTITY =
            RunIdentity.of("folder/job#42/step-7", "https://ci.example.com/job/folder/job/job/42/", "0a1b2c3d");
    private static final String HASH = JobNames.runHash(IDENTITY.getId());

    private final JobRenderer renderer = new JobRenderer();

    private static TrainingSpec.Builder fullSpec() {
        return TrainingSpec.builder()
                .name("ResNet training")
                .image("registry.example.com/vision/trainer:1.4")
                .command("python", "train.py")
                .args("--data", "$(DATA_DIR)")
                .param("lr", 0.001)
                .param("version", "1.10")
                .param("note", "costs $5")
                .env("MODE", "full")
                .secretEnv("API_TOKEN", "creds/token")
                .resource("cpu", "2")
                .resource("memory", "8Gi")
                .resource("gpu", "1")
                .nodeSelector(Map.of("pool", "gpu"))
                .toleration(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                        .withEffect("NoSchedule").build())
                .affinity(new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build())
                .serviceAccount("trainer")
                .imagePullSecret("registry-creds")
                .volume(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName("datasets")
                        .endPersistentVolumeClaim().build())
                .volumeMount(new VolumeMountBuilder().withName("data").withMountPath("/data").build())
                .deadline(Duration.ofHours(2))
                .retries(3)
                .ttlAfterFinished(Duration.ofDays(1))
                .label("team", "vision")
                .annotation("sidecar.istio.io/inject", "false");
    }

    /** The Job as the API server would receive it, read back as a tree. */
    private static JsonNode yaml(Job job) throws Exception {
        return new YAMLMapper().readTree(Serialization.asYaml(job));
    }

    @Test
    void rendersABatchV1JobNamedAfterTheRun() throws Exception {
        JsonNode job = yaml(renderer.render(fullSpec().build(), IDENTITY, "ml-team"));
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        assertThat(job.at("/metadata/name").asText()).isEqualTo("resnet-training-" + HASH);
        assertThat(job.at("/metadata/namespace").asText()).isEqualTo("ml-team");
        assertThat(job.at("/metadata/finalizers")).hasSize(1);
        assertThat(job.at("/metadata/finalizers/0").asText()).isEqualTo(JobLabels.OUTCOME_FINALIZER);
    }

    @Test
    void labelsAndAnnotationsOnJobAndPodTemplate() throws Exception {
        JsonNode job = yaml(renderer.render(fullSpec().build(), IDENTITY, "ml-team"));
        for (String metadata : List.of("/metadata", "/spec/template/metadata")) {
            assertThat(fields(job.at(metadata + "/labels"))).as(metadata).containsExactly(
                    Map.entry("team", "vision"),
                    Map.entry(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE),
                    Map.entry(JobLabels.RUN_HASH, HASH));
            assertThat(fields(job.at(metadata + "/annotations"))).as(metadata).containsExactly(
                    Map.entry("sidecar.istio.io/inject", "false"),
                    Map.entry(JobLabels.RUN_ID, "folder/job#42/step-7"),
                    Map.entry(JobLabels.BUILD_URL, "https://ci.example.com/job/folder/job/job/42/"),
                    Map.entry(JobLabels.GIT_COMMIT, "0a1b2c3d"));
        }
    }

    @Test
    void jobSpecCarriesRetriesDeadlineAndTtlOnly() throws Exception {
        JsonNode spec = yaml(renderer.render(fullSpec().build(), IDENTITY, "ml-team")).path("spec");
        assertThat(spec.path("backoffLimit").asInt()).isEqualTo(3);
        assertThat(spec.path("activeDeadlineSeconds").asLong()).isEqualTo(7200);
        assertThat(spec.path("ttlSecondsAfterFinished").asInt()).isEqualTo(86400);
        assertThat(fieldNames(spec)).containsExactlyInAnyOrder("backoffLimit", "activeDeadlineSeconds",
                "ttlSecondsAfterFinished", "template");
    }

    @Test
    void podSpecHasTheMainContainerAndThePodSettings() throws Exception {
        JsonNode pod = yaml(renderer.render(fullSpec().build(), IDENTITY, "ml-team")).at("/spec/template/spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(fields(pod.path("nodeSelector"))).containsExactly(Map.entry("pool", "gpu"));
        assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("nvidia.com/gpu");
        assertThat(pod.path("affinity").has("nodeAffinity")).isTrue();
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("trainer");
        assertThat(pod.at("/imagePullSecrets/0/name").asText()).isEqualTo("registry-creds");
        assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText()).isEqualTo("datasets");
        assertThat(fieldNames(pod)).containsExactlyInAnyOrder("restartPolicy", "containers", "nodeSelector",
                "tolerations", "affinity", "serviceAccountName", "imagePullSecrets", "volumes");

        assertThat(pod.path("containers")).hasSize(1);
        JsonNode main = pod.at("/containers/0");
        assertThat(main.path("name").asText()).isEqualTo(JobLabels.MAIN_CONTAINER);
        assertThat(main.path("image").asText()).isEqualTo("registry.example.com/vision/trainer:1.4");
        assertThat(texts(main.path("command"))).containsExactly("python", "train.py");
        assertThat(main.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/data");
        assertThat(fieldNames(main)).containsExactlyInAnyOrder("name", "image", "command", "args", "env",
                "resources", "volumeMounts");
    }

    @Test
    void paramsFollowTheUserArgsAndReachTheProgramVerbatim() throws Exception {
        JsonNode main = yaml(renderer.render(fullSpec().build(), IDENTITY, "ml-team"))
                .at("/spec/template/spec/containers/0");
        // User args keep Kubernetes' $(VAR) expansion; in params every '$' is doubled so the kubelet leaves it.
        assertThat(texts(main.path("args"))).containsExactly("--data", "$(DATA_DIR)", "--lr=0.001",
                "--version='1.10'", "--note='costs $$5'");
    }

    @Test
    void resourcesGoToRequestsAndLimitsWithTheGpuName() throws Exception {
        JsonNode resources = yaml(renderer.render(fullSpec().build(), IDENTITY, "ml-team"))
                .at("/spec/template/spec/containers/0/resources");
        Map<String, String> expected = Map.of("cpu", "2", "memory", "8Gi", "nvidia.com/gpu", "1");
        assertThat(fields(resources.path("requests"))).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(fields(resources.path("limits"))).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void envHasLiteralValuesAndSecretReferencesNeverSecretValues() throws Exception {
        Job rendered = renderer.render(fullSpec().build(), IDENTITY, "ml-team");
        JsonNode env = yaml(rendered).at("/spec/template/spec/containers/0/env");
        assertThat(env).hasSize(2);
        assertThat(fields(env.get(0))).containsExactly(Map.entry("name", "MODE"), Map.entry("value", "full"));
        assertThat(fieldNames(env.get(1))).containsExactly("name", "valueFrom");
        assertThat(env.get(1).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("creds");
        assertThat(env.get(1).at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("token");
        assertThat(Serialization.asYaml(rendered)).doesNotContainPattern("(?m)^\\s*value: .*token");
    }

    @Test
    void optionalPartsAreLeftOut() throws Exception {
        TrainingSpec minimal = TrainingSpec.builder().image("python:3.11").build();
        JsonNode job = yaml(renderer.render(minimal, RunIdentity.of("job#1"), "default"));
        assertThat(job.at("/metadata/name").asText()).isEqualTo("job-1-" + JobNames.runHash("job#1"));
        assertThat(fieldNames(job.path("spec"))).containsExactlyInAnyOrder("backoffLimit", "template");
        assertThat(job.at("/spec/backoffLimit").asInt()).isZero();
        assertThat(fields(job.at("/metadata/annotations"))).containsExactly(Map.entry(JobLabels.RUN_ID, "job#1"));
        JsonNode pod = job.at("/spec/template/spec");
        assertThat(fieldNames(pod)).containsExactlyInAnyOrder("restartPolicy", "containers");
        assertThat(fieldNames(pod.at("/containers/0"))).containsExactlyInAnyOrder("name", "image");
    }

    @Test
    void theAdminTemplateCannotOverrideOurFields() throws Exception {
        TrainingSpec spec = fullSpec().podTemplateYaml(String.join("\n",
                "metadata:",
                "  labels: {app.kubernetes.io/managed-by: someone-else, ml-pipeline.jenkins.io/run-hash: forged,"
                        + " cost-center: ml}",
                "  annotations: {ml-pipeline.jenkins.io/run-id: forged}",
                "spec:",
                "  restartPolicy: OnFailure",
                "  priorityClassName: batch-low",
                "  containers:",
                "  - name: main",
                "    image: template-image",
                "    workingDir: /work",
                "  - name: log-shipper",
                "    image: fluent-bit")).build();
        JsonNode template = yaml(renderer.render(spec, IDENTITY, "ml-team")).at("/spec/template");
        assertThat(template.at("/metadata/labels/app.kubernetes.io~1managed-by").asText())
                .isEqualTo(JobLabels.MANAGED_BY_VALUE);
        assertThat(template.at("/metadata/labels/ml-pipeline.jenkins.io~1run-hash").asText()).isEqualTo(HASH);
        assertThat(template.at("/metadata/labels/cost-center").asText()).isEqualTo("ml");
        assertThat(template.at("/metadata/annotations/ml-pipeline.jenkins.io~1run-id").asText())
                .isEqualTo(IDENTITY.getId());
        assertThat(template.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(template.at("/spec/priorityClassName").asText()).isEqualTo("batch-low");
        assertThat(template.at("/spec/containers/0/name").asText()).isEqualTo("main");
        assertThat(template.at("/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/vision/trainer:1.4");
        assertThat(template.at("/spec/containers/0/workingDir").asText()).isEqualTo("/work");
        assertThat(template.at("/spec/containers/1/name").asText()).isEqualTo("log-shipper");
    }

    @Test
    void renderingIsRepeatableAndLeavesTheSpecAlone() {
        TrainingSpec spec = fullSpec().build();
        Job first = renderer.render(spec, IDENTITY, "ml-team");
        first.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("cpu")
                .setAmount("99");
        first.getSpec().getTemplate().getSpec().getTolerations().get(0).setKey("changed");
        Job second = renderer.render(spec, IDENTITY, "ml-team");
        assertThat(second.getSpec().getTemplate().getSpec().getTolerations().get(0).getKey())
                .isEqualTo("nvidia.com/gpu");
        assertThat(Serialization.asYaml(second))
                .isEqualTo(Serialization.asYaml(renderer.render(spec, IDENTITY, "ml-team")))
                .contains("cpu: \"2\"");
    }

    @Test
    void refusesAnInvalidNamespace() {
        TrainingSpec spec = fullSpec().build();
        assertThatThrownBy(() -> renderer.render(spec, IDENTITY, "ML_Team"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("namespace: 'ML_Team' is not a valid name");
        assertThatThrownBy(() -> renderer.render(spec, IDENTITY, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> fields(JsonNode node) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        node.properties().forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
