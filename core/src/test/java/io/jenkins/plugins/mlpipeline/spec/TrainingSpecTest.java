package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainingSpecTest {

    @Test
    void onlyTheImageIsRequiredAndDefaultsAreEmpty() {
        TrainingSpec spec = TrainingSpec.builder().image("python:3.11").build();
        assertThat(spec.getImage()).isEqualTo("python:3.11");
        assertThat(spec.getName()).isEmpty();
        assertThat(spec.getCommand()).isEmpty();
        assertThat(spec.getArgs()).isEmpty();
        assertThat(spec.getParams()).isEmpty();
        assertThat(spec.getRetries()).isZero();
        assertThat(spec.getDeadline()).isEmpty();
        assertThat(spec.getTtlAfterFinished()).isEmpty();
        assertThat(spec.getAffinity()).isEmpty();
        assertThat(spec.getServiceAccount()).isEmpty();
        assertThat(spec.getPodTemplate()).isEmpty();
        assertThat(spec.getPodTemplateYaml()).isEmpty();
        assertThat(spec.getSecretEnv()).isEmpty();
    }

    @Test
    void keepsEveryField() {
        TrainingSpec spec = fullSpec().build();
        assertThat(spec.getName()).hasValue("ResNet training");
        assertThat(spec.getCommand()).containsExactly("python", "train.py");
        assertThat(spec.getArgs()).containsExactly("--verbose");
        assertThat(spec.getParams()).containsExactly(Map.entry("lr", 0.001), Map.entry("optimizer", "adam"));
        assertThat(spec.getParamArgs()).containsExactly("--lr=0.001", "--optimizer=adam");
        assertThat(spec.getEnv()).containsExactly(Map.entry("MODE", "full"));
        assertThat(spec.getSecretEnv()).containsExactly(Map.entry("API_TOKEN", SecretRef.parse("creds/token")),
                Map.entry("DB_PASSWORD", SecretRef.parse("db/password")));
        assertThat(spec.getResources()).containsExactly(Map.entry("cpu", "2"), Map.entry("gpu", "1"));
        assertThat(spec.getNodeSelector()).containsExactly(Map.entry("pool", "gpu"));
        assertThat(spec.getTolerations()).extracting(Toleration::getKey).containsExactly("nvidia.com/gpu");
        assertThat(spec.getAffinity()).isPresent();
        assertThat(spec.getServiceAccount()).hasValue("trainer");
        assertThat(spec.getImagePullSecrets()).containsExactly("registry-creds");
        assertThat(spec.getVolumes()).extracting(Volume::getName).containsExactly("data");
        assertThat(spec.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/data");
        assertThat(spec.getDeadline()).hasValue(Duration.ofHours(2));
        assertThat(spec.getRetries()).isEqualTo(3);
        assertThat(spec.getTtlAfterFinished()).hasValue(Duration.ofDays(1));
        assertThat(spec.getLabels()).containsExactly(Map.entry("team", "vision"));
        assertThat(spec.getAnnotations()).containsExactly(Map.entry("example.com/note", "nightly"));
        assertThat(spec.getPodTemplate()).hasValueSatisfying(
                template -> assertThat(template.getSpec().getPriorityClassName()).isEqualTo("batch"));
    }

    @Test
    void toBuilderReproducesTheSpec() {
        TrainingSpec spec = fullSpec().build();
        TrainingSpec copy = spec.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(spec);
        assertThat(spec.toBuilder().retries(5).build().getRetries()).isEqualTo(5);
        assertThat(spec.getRetries()).isEqualTo(3);
    }

    @Test
    void changingInputsAfterBuildDoesNotChangeTheSpec() {
        List<String> args = new ArrayList<>(List.of("--a"));
        List<Object> layers = new ArrayList<>(List.of(64));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("layers", layers);
        StringBuilder mutableText = new StringBuilder("x");
        params.put("text", mutableText);
        AtomicInteger counter = new AtomicInteger(1);
        params.put("counter", counter);
        Toleration toleration = new TolerationBuilder().withKey("k").withOperator("Exists").build();
        Volume volume = new VolumeBuilder().withName("data").withNewEmptyDir().withSizeLimit(new Quantity("1Gi"))
                .endEmptyDir().build();
        VolumeMount mount = new VolumeMountBuilder().withName("data").withMountPath("/data").build();
        Affinity affinity = new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build();
        Map<String, String> labels = new LinkedHashMap<>(Map.of("team", "a"));

        TrainingSpec spec = TrainingSpec.builder().image("python").args(args).params(params).toleration(toleration)
                .volume(volume).volumeMount(mount).affinity(affinity).labels(labels).build();
        args.add("--b");
        layers.add(32);
        mutableText.append("y");
        counter.set(5);
        toleration.setKey("changed");
        volume.getEmptyDir().getSizeLimit().setAmount("9");
        mount.setMountPath("/elsewhere");
        affinity.setNodeAffinity(null);
        labels.put("team", "b");

        assertThat(spec.getArgs()).containsExactly("--a");
        assertThat(spec.getParams()).containsExactly(Map.entry("layers", List.of(64)), Map.entry("text", "x"),
                Map.entry("counter", 1));
        assertThat(spec.getTolerations().get(0).getKey()).isEqualTo("k");
        assertThat(spec.getVolumes().get(0).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("1Gi"));
        assertThat(spec.getVolumeMounts().get(0).getMountPath()).isEqualTo("/data");
        assertThat(spec.getAffinity().get().getNodeAffinity()).isNotNull();
        assertThat(spec.getLabels()).containsEntry("team", "a");
    }

    @Test
    void gettersDoNotExposeInternalState() {
        TrainingSpec spec = fullSpec().build();
        assertThatThrownBy(() -> spec.getArgs().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.getEnv().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.getParams().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        TrainingSpec withList = TrainingSpec.builder().image("python").param("layers", List.of(1)).build();
        @SuppressWarnings("unchecked")
        List<Object> layers = (List<Object>) withList.getParams().get("layers");
        assertThatThrownBy(() -> layers.add(2)).isInstanceOf(UnsupportedOperationException.class);

        spec.getTolerations().get(0).setKey("changed");
        spec.getVolumes().get(0).setName("changed");
        spec.getVolumeMounts().get(0).setName("changed");
        spec.getAffinity().get().setNodeAffinity(null);
        spec.getPodTemplate().get().getSpec().setPriorityClassName("changed");
        assertThat(spec.getTolerations().get(0).getKey()).isEqualTo("nvidia.com/gpu");
        assertThat(spec.getVolumes().get(0).getName()).isEqualTo("data");
        assertThat(spec.getVolumeMounts().get(0).getName()).isEqualTo("data");
        assertThat(spec.getAffinity().get().getNodeAffinity()).isNotNull();
        assertThat(spec.getPodTemplate().get().getSpec().getPriorityClassName()).isEqualTo("batch");
    }

    @Test
    void pluralSettersReplaceAndNullClears() {
        TrainingSpec spec = TrainingSpec.builder().image("python")
                .env("A", "1").env(Map.of("B", "2"))
                .label("x", "1").labels(null)
                .args("a").args("b", "c")
                .build();
        assertThat(spec.getEnv()).containsExactly(Map.entry("B", "2"));
        assertThat(spec.getLabels()).isEmpty();
        assertThat(spec.getArgs()).containsExactly("b", "c");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void paramKeysThatAreNotJavaStringsAreReadAsText() {
        Map raw = new LinkedHashMap();
        raw.put(new StringBuilder("epochs"), 3); // what a Groovy GString key looks like after type erasure
        TrainingSpec spec = TrainingSpec.builder().image("python").params(raw).build();
        assertThat(spec.getParams()).containsExactly(Map.entry("epochs", 3));
    }

    @Test
    void secretEnvAcceptsParsedAndTextReferences() {
        TrainingSpec spec = TrainingSpec.builder().image("python")
                .secretEnv("A", SecretRef.of("creds", "a"))
                .secretEnv("B", "creds/b")
                .build();
        assertThat(spec.getSecretEnv()).containsExactly(Map.entry("A", SecretRef.of("creds", "a")),
                Map.entry("B", SecretRef.of("creds", "b")));
    }

    static TrainingSpec.Builder fullSpec() {
        return TrainingSpec.builder()
                .name("ResNet training")
                .image("registry.example.com/vision/trainer:1.4")
                .command("python", "train.py")
                .args("--verbose")
                .param("lr", 0.001)
                .param("optimizer", "adam")
                .env("MODE", "full")
                .secretEnv("API_TOKEN", "creds/token")
                .secretEnv("DB_PASSWORD", "db/password")
                .resource("cpu", "2")
                .resource("gpu", "1")
                .nodeSelector(Map.of("pool", "gpu"))
                .toleration(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                        .withEffect("NoSchedule").build())
                .affinity(new AffinityBuilder().withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In")
                        .withValues("a").endMatchExpression().endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build())
                .serviceAccount("trainer")
                .imagePullSecret("registry-creds")
                .volume(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName("datasets")
                        .endPersistentVolumeClaim().build())
                .volumeMount(new VolumeMountBuilder().withName("data").withMountPath("/data").build())
                .deadline(Duration.ofHours(2))
                .retries(3)
                .ttlAfterFinished(Duration.ofDays(1))
                .label("team", "vision")
                .annotation("example.com/note", "nightly")
                .podTemplateYaml("spec:\n  priorityClassName: batch\n");
    }
}
