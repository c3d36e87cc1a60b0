package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AdmissionTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void jobCreateGetsGeneratedSelectorTemplateLabelsAndDefaults() {
        emu.script("img:1", ContainerScript.create().runForever());
        Job created = client.batch().v1().jobs().resource(job("labels", "img:1").editSpec().withBackoffLimit(null)
                .endSpec().build()).create();
        String uid = created.getMetadata().getUid();

        assertThat(created.getSpec().getSelector().getMatchLabels())
                .containsExactlyEntriesOf(java.util.Map.of("batch.kubernetes.io/controller-uid", uid));
        assertThat(created.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("batch.kubernetes.io/controller-uid", uid)
                .containsEntry("controller-uid", uid)
                .containsEntry("batch.kubernetes.io/job-name", "labels")
                .containsEntry("job-name", "labels");
        assertThat(created.getSpec().getBackoffLimit()).isEqualTo(6);
        assertThat(created.getSpec().getCompletions()).isEqualTo(1);
        assertThat(created.getSpec().getParallelism()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "labels").isEmpty());
        Pod pod = emu.pods("default", "labels").get(0);
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("labels-");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Job");
            assertThat(owner.getUid()).isEqualTo(uid);
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(pod.getMetadata().getFinalizers()).contains("batch.kubernetes.io/job-tracking");
        List<Event> created1 = client.v1().events().list().getItems().stream()
                .filter(e -> "SuccessfulCreate".equals(e.getReason())).toList();
        assertThat(created1).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("Created pod: " + pod.getMetadata().getName());
            assertThat(e.getSource().getComponent()).isEqualTo("job-controller");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(uid);
        });
    }

    @Test
    void clusterHasTheDefaultNamespaceAndTheDefaultNode() {
        assertThat(client.namespaces().withName("default").get()).isNotNull();
        assertThat(client.nodes().list().getItems()).singleElement().satisfies(node -> {
            assertThat(node.getMetadata().getName()).isEqualTo("node-1");
            assertThat(node.getStatus().getAllocatable()).containsKeys("cpu", "memory");
        });
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.0");
    }

    @Test
    void restartPolicyAlwaysIsRejectedNamingTheAllowedValues() {
        Job always = job("always", "img:1").editSpec().editTemplate().editSpec().withRestartPolicy("Always")
                .endSpec().endTemplate().endSpec().build();

        assertThatThrownBy(() -> client.batch().v1().jobs().resource(always).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining("spec.template.spec.restartPolicy: Unsupported value: \"Always\": "
                        + "supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void creatingAnExistingJobIsAlreadyExists() {
        client.batch().v1().jobs().resource(job("twice", "img:1").build()).create();

        assertThatThrownBy(() -> client.batch().v1().jobs().resource(job("twice", "img:1").build()).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException k = (KubernetesClientException) e;
                    assertThat(k.getCode()).isEqualTo(409);
                    assertThat(k.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(k.getStatus().getMessage()).isEqualTo("jobs.batch \"twice\" already exists");
                });
    }

    @Test
    void updateThroughTheMainResourceCannotOverwriteTheStatus() throws Exception {
        emu.script("quick:1", ContainerScript.create().exit(0));
        Job stale = client.batch().v1().jobs().resource(job("kept", "quick:1").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> TestJobs.conditionTypes(TestJobs.get(client, "kept"))
                .contains("Complete"));
        stale.getMetadata().setResourceVersion(null);
        stale.getMetadata().setLabels(java.util.Map.of("touched", "yes"));

        HttpClient http = client.getHttpClient();
        HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder()
                .uri(URI.create(emu.url() + "/apis/batch/v1/namespaces/default/jobs/kept"))
                .put("application/json", Serialization.asJson(stale)).build(), String.class)
                .get(10, TimeUnit.SECONDS);

        assertThat(response.code()).isEqualTo(200);
        Job current = TestJobs.get(client, "kept");
        assertThat(current.getMetadata().getLabels()).containsEntry("touched", "yes");
        assertThat(TestJobs.conditionTypes(current)).contains("Complete");
    }

    @Test
    void invalidNameIsRejected() {
        assertThatThrownBy(() -> client.batch().v1().jobs().resource(job("Bad_Name", "img:1").build()).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("metadata.name: Invalid value: \"Bad_Name\"");
    }

    @Test
    void podGenerateNameGetsFiveCharactersFromTheKubernetesAlphabet() {
        Pod created = client.pods().resource(new PodBuilder().withNewMetadata().withGenerateName("worker-")
                .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("img:1").endContainer()
                .endSpec().build()).create();

        assertThat(created.getMetadata().getName()).matches("worker-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void runningContainersReportImageIdAndContainerId() {
        emu.script("docker.io/team/trainer:2", ContainerScript.create().runForever());
        client.batch().v1().jobs().resource(job("ids", "docker.io/team/trainer:2").build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> !emu.pods("default", "ids").isEmpty()
                && "Running".equals(emu.pods("default", "ids").get(0).getStatus().getPhase()));

        var status = emu.pods("default", "ids").get(0).getStatus().getContainerStatuses().get(0);

        assertThat(status.getImage()).isEqualTo("docker.io/team/trainer:2");
        assertThat(status.getImageID()).matches("docker\\.io/team/trainer@sha256:[0-9a-f]{64}");
        assertThat(status.getContainerID()).matches("containerd://[0-9a-f]{64}");
        assertThat(status.getReady()).isTrue();
        assertThat(status.getState().getRunning().getStartedAt()).isNotNull();
    }

    @Test
    void volumeMountsMustNameADeclaredVolumeAndStayInside() {
        Job undeclared = OutputsPods.job("mounts", "img:1").editSpec().editTemplate().editSpec()
                .withVolumes(List.of()).endSpec().endTemplate().endSpec().build();
        assertThatThrownBy(() -> client.batch().v1().jobs().resource(undeclared).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("Job.batch \"mounts\" is invalid: "
                        + "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"ml-outputs\"");

        Job escaping = OutputsPods.job("mounts", "img:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .editFirstVolumeMount().withSubPath("../up").endVolumeMount().endContainer()
                .endSpec().endTemplate().endSpec().build();
        assertThatThrownBy(() -> client.batch().v1().jobs().resource(escaping).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.template.spec.containers[0].volumeMounts[0].subPath: "
                        + "Invalid value: \"../up\": must not contain '..'");
        assertThat(client.batch().v1().jobs().withName("mounts").get()).isNull();
    }
}
