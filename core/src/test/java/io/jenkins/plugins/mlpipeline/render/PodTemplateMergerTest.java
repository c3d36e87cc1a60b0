package io.jenkins.plugins.mlpipeline.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTemplateMergerTest {

    /** An administrator's template with a default for main, a sidecar and pod-level extras. */
    private static PodTemplateSpec template() {
        return Serialization.unmarshal(String.join("\n",
                "metadata:",
                "  labels: {team: platform, tier: batch}",
                "  annotations: {sidecar.istio.io/inject: 'false', owner: platform}",
                "spec:",
                "  securityContext: {runAsNonRoot: true}",
                "  priorityClassName: batch-low",
                "  runtimeClassName: nvidia",
                "  schedulerName: gang",
                "  hostAliases: [{ip: 10.0.0.1, hostnames: [registry]}]",
                "  dnsConfig: {nameservers: [10.0.0.53]}",
                "  initContainers: [{name: fetch, image: busybox}]",
                "  serviceAccount: template-account",
                "  serviceAccountName: template-account",
                "  restartPolicy: Always",
                "  affinity: {podAntiAffinity: {}}",
                "  nodeSelector: {pool: cpu, disk: ssd}",
                "  tolerations:",
                "  - {key: dedicated, operator: Equal, value: ml, effect: NoSchedule}",
                "  imagePullSecrets: [{name: template-creds}, {name: shared-creds}]",
                "  volumes:",
                "  - {name: cache, emptyDir: {}}",
                "  - {name: data, emptyDir: {}}",
                "  containers:",
                "  - name: log-shipper",
                "    image: fluent-bit",
                "  - name: main",
                "    image: template-image",
                "    command: [template-command]",
                "    args: [template-arg]",
                "    workingDir: /work",
                "    imagePullPolicy: Always",
                "    securityContext: {allowPrivilegeEscalation: false}",
                "    envFrom: [{configMapRef: {name: defaults}}]",
                "    env:",
                "    - {name: BASE, value: from-template}",
                "    - {name: MODE, value: template}",
                "    resources:",
                "      requests: {cpu: '1', ephemeral-storage: 10Gi}",
                "      limits: {cpu: '1', ephemeral-storage: 10Gi}",
                "    volumeMounts:",
                "    - {name: cache, mountPath: /cache}",
                "    - {name: data, mountPath: /template-data}",
                "    - {name: scratch, mountPath: /data}"), PodTemplateSpec.class);
    }

    /** What the renderer derives from a spec. */
    private static PodTemplateSpec spec() {
        return Serialization.unmarshal(String.join("\n",
                "metadata:",
                "  labels: {team: vision, app.kubernetes.io/managed-by: jenkins-ml-pipeline}",
                "  annotations: {owner: vision}",
                "spec:",
                "  restartPolicy: Never",
                "  serviceAccountName: trainer",
                "  affinity: {nodeAffinity: {}}",
                "  nodeSelector: {pool: gpu}",
                "  tolerations:",
                "  - {key: dedicated, operator: Equal, value: ml, effect: NoSchedule}",
                "  - {key: nvidia.com/gpu, operator: Exists}",
                "  imagePullSecrets: [{name: shared-creds}, {name: spec-creds}]",
                "  volumes:",
                "  - {name: data, persistentVolumeClaim: {claimName: datasets}}",
                "  containers:",
                "  - name: main",
                "    image: trainer:1",
                "    args: [--lr=0.1]",
                "    env:",
                "    - {name: MODE, value: spec}",
                "    - {name: TOKEN, valueFrom: {secretKeyRef: {name: creds, key: token}}}",
                "    resources:",
                "      requests: {cpu: '4', nvidia.com/gpu: '1'}",
                "      limits: {cpu: '4', nvidia.com/gpu: '1'}",
                "    volumeMounts:",
                "    - {name: data, mountPath: /data}"), PodTemplateSpec.class);
    }

    private final PodTemplateSpec merged = PodTemplateMerger.merge(template(), spec());

    private Container main() {
        return merged.getSpec().getContainers().stream().filter(c -> c.getName().equals("main")).findFirst()
                .orElseThrow();
    }

    @Test
    void labelsAndAnnotationsAreMergedPerKeySpecWinning() {
        assertThat(merged.getMetadata().getLabels()).containsExactly(Map.entry("team", "vision"),
                Map.entry("tier", "batch"), Map.entry("app.kubernetes.io/managed-by", "jenkins-ml-pipeline"));
        assertThat(merged.getMetadata().getAnnotations()).containsExactly(
                Map.entry("sidecar.istio.io/inject", "false"), Map.entry("owner", "vision"));
    }

    @Test
    void mainComesFirstAndTemplateSidecarsAreKept() {
        assertThat(merged.getSpec().getContainers()).extracting(Container::getName)
                .containsExactly("main", "log-shipper");
        assertThat(merged.getSpec().getContainers().get(1).getImage()).isEqualTo("fluent-bit");
    }

    @Test
    void specSetsImageCommandAndArgsWhenItHasThem() {
        assertThat(main().getImage()).isEqualTo("trainer:1");
        assertThat(main().getArgs()).containsExactly("--lr=0.1");
        // The spec has no command here, so the template's default stays.
        assertThat(main().getCommand()).containsExactly("template-command");
    }

    @Test
    void otherContainerFieldsComeFromTheTemplate() {
        assertThat(main().getWorkingDir()).isEqualTo("/work");
        assertThat(main().getImagePullPolicy()).isEqualTo("Always");
        assertThat(main().getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(main().getEnvFrom()).hasSize(1);
    }

    @Test
    void envIsMergedByNameTemplateOnlyVariablesFirst() {
        assertThat(main().getEnv()).extracting(EnvVar::getName).containsExactly("BASE", "MODE", "TOKEN");
        assertThat(main().getEnv().get(1).getValue()).isEqualTo("spec");
        assertThat(main().getEnv().get(2).getValueFrom().getSecretKeyRef().getName()).isEqualTo("creds");
    }

    @Test
    void resourcesAreMergedPerResourceSpecWinning() {
        assertThat(main().getResources().getRequests()).containsOnly(Map.entry("cpu", new Quantity("4")),
                Map.entry("ephemeral-storage", new Quantity("10Gi")), Map.entry("nvidia.com/gpu", new Quantity("1")));
        assertThat(main().getResources().getLimits()).containsEntry("cpu", new Quantity("4"))
                .containsEntry("ephemeral-storage", new Quantity("10Gi"));
    }

    @Test
    void aSpecMountReplacesTemplateMountsOfTheSameNameOrPath() {
        assertThat(main().getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(tuple("cache", "/cache"),
                        tuple("data", "/data"));
    }

    @Test
    void volumesAndPullSecretsAreMergedByName() {
        assertThat(merged.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("cache", "data");
        assertThat(merged.getSpec().getVolumes().get(1).getPersistentVolumeClaim().getClaimName())
                .isEqualTo("datasets");
        assertThat(merged.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName)
                .containsExactly("template-creds", "shared-creds", "spec-creds");
    }

    @Test
    void tolerationsAreAppendedWithoutDuplicates() {
        assertThat(merged.getSpec().getTolerations()).extracting(Toleration::getKey)
                .containsExactly("dedicated", "nvidia.com/gpu");
    }

    @Test
    void nodeSelectorIsMergedPerKey() {
        assertThat(merged.getSpec().getNodeSelector()).containsExactly(Map.entry("pool", "gpu"),
                Map.entry("disk", "ssd"));
    }

    @Test
    void specWinsAffinityServiceAccountAndRestartPolicy() {
        PodSpec pod = merged.getSpec();
        assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
        assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
        assertThat(pod.getServiceAccountName()).isEqualTo("trainer");
        assertThat(pod.getServiceAccount()).isNull();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void templatePodFieldsAreKept() {
        PodSpec pod = merged.getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getPriorityClassName()).isEqualTo("batch-low");
        assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(pod.getSchedulerName()).isEqualTo("gang");
        assertThat(pod.getHostAliases()).hasSize(1);
        assertThat(pod.getDnsConfig().getNameservers()).containsExactly("10.0.0.53");
        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("fetch");
    }

    @Test
    void unsetSpecFieldsLeaveTheTemplateAlone() {
        PodTemplateSpec bareSpec = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("main")
                .withImage("trainer:1").endContainer().endSpec().build();
        PodTemplateSpec result = PodTemplateMerger.merge(template(), bareSpec);
        Container main = result.getSpec().getContainers().get(0);
        assertThat(main.getArgs()).containsExactly("template-arg");
        assertThat(main.getEnv()).extracting(EnvVar::getName).containsExactly("BASE", "MODE");
        assertThat(main.getResources().getRequests()).containsKeys("cpu", "ephemeral-storage");
        assertThat(result.getSpec().getServiceAccountName()).isEqualTo("template-account");
        assertThat(result.getSpec().getServiceAccount()).isEqualTo("template-account");
        assertThat(result.getSpec().getAffinity().getPodAntiAffinity()).isNotNull();
        assertThat(result.getSpec().getRestartPolicy()).isEqualTo("Always");
    }

    @Test
    void aTemplateWithoutMainOrMetadataStillWorks() {
        PodTemplateSpec sidecarOnly = new PodTemplateSpecBuilder().withNewSpec().addNewContainer()
                .withName("proxy").withImage("envoy").endContainer().endSpec().build();
        PodTemplateSpec result = PodTemplateMerger.merge(sidecarOnly, spec());
        assertThat(result.getSpec().getContainers()).extracting(Container::getName).containsExactly("main", "proxy");
        assertThat(result.getMetadata().getLabels()).containsEntry("team", "vision");
        assertThat(result.getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName)
                .containsExactly("MODE", "TOKEN");
    }

    @Test
    void neitherArgumentIsModifiedNorShared() {
        PodTemplateSpec template = template();
        PodTemplateSpec spec = spec();
        String templateBefore = Serialization.asJson(template);
        String specBefore = Serialization.asJson(spec);
        PodTemplateSpec result = PodTemplateMerger.merge(template, spec);
        assertThat(Serialization.asJson(template)).isEqualTo(templateBefore);
        assertThat(Serialization.asJson(spec)).isEqualTo(specBefore);

        result.getSpec().getContainers().get(0).getResources().getRequests().get("ephemeral-storage").setAmount("1");
        result.getSpec().getContainers().get(1).setImage("changed");
        result.getMetadata().getLabels().put("x", "y");
        assertThat(Serialization.asJson(template)).isEqualTo(templateBefore);
        assertThat(Serialization.asJson(spec)).isEqualTo(specBefore);
    }
}
