package io.jenkins.plugins.mlpipeline.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.spec.SpecValidationException;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputSidecarRenderTest {

    private static final RunIdentity IDENTITY = RunIdentity.of("job#1/step-1", null, null);

    private static TrainingSpec.Builder spec() {
        return TrainingSpec.builder().image("trainer:1").command("python", "train.py");
    }

    private static PodSpec render(TrainingSpec spec) {
        Job job = new JobRenderer().render(spec, IDENTITY, "ml");
        return job.getSpec().getTemplate().getSpec();
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void outputsAddAnEmptyDirSharedWithAWaitingSidecar() {
        PodSpec pod = render(spec().outputs("/ml/outputs").outputsImage("busybox:1.37").build());

        assertThat(pod.getContainers()).extracting(Container::getName)
                .containsExactly(JobLabels.MAIN_CONTAINER, JobLabels.OUTPUTS_CONTAINER);
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo(JobLabels.OUTPUTS_VOLUME);
            assertThat(v.getEmptyDir()).isNotNull();
        });
        Container main = container(pod, JobLabels.MAIN_CONTAINER);
        Container sidecar = container(pod, JobLabels.OUTPUTS_CONTAINER);
        assertThat(main.getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/ml/outputs"));
        assertThat(sidecar.getVolumeMounts()).isEqualTo(main.getVolumeMounts());
        assertThat(sidecar.getImage()).isEqualTo("busybox:1.37");
        assertThat(sidecar.getCommand()).isEqualTo(OutputSidecar.WAIT);
        // Equal requests and limits: a Guaranteed training pod must stay Guaranteed.
        assertThat(sidecar.getResources().getRequests()).isEqualTo(sidecar.getResources().getLimits());
        assertThat(sidecar.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(sidecar.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(OutputSidecar.archive("/ml/outputs")).containsExactly("tar", "-cf", "-", "-C", "/ml/outputs", ".");
    }

    @Test
    void userMountsStayBesideTheOutputsMount() {
        PodSpec pod = render(spec().outputs("/out")
                .outputsImage("busybox:1.37")
                .volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
                .volumeMount(new VolumeMountBuilder().withName("data").withMountPath("/data").build())
                .build());
        assertThat(container(pod, JobLabels.MAIN_CONTAINER).getVolumeMounts())
                .extracting(m -> m.getName() + "=" + m.getMountPath())
                .containsExactly("data=/data", JobLabels.OUTPUTS_VOLUME + "=/out");
    }

    @Test
    void withoutOutputsThereIsNoSidecar() {
        PodSpec pod = render(spec().build());
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly(JobLabels.MAIN_CONTAINER);
        assertThat(pod.getVolumes()).isEmpty();
    }

    @Test
    void badOutputsAreRefusedNamingTheField() {
        for (String bad : List.of("relative/dir", "/", "/ml/outputs/", "/ml/../etc", "/ml//x", "/ml/./x")) {
            assertThatThrownBy(() -> spec().outputs(bad).outputsImage("busybox:1.37").build())
                    .as(bad)
                    .isInstanceOf(SpecValidationException.class)
                    .hasMessageContaining("outputs: ");
        }
        assertThatThrownBy(() -> spec().outputs("/ml/outputs").build())
                .hasMessageContaining("outputsImage: required with outputs");
        assertThatThrownBy(() -> spec().outputs("/ml/outputs").outputsImage("Busy Box").build())
                .hasMessageContaining("outputsImage: ");
        assertThatThrownBy(() -> spec().outputs("/data").outputsImage("busybox:1.37")
                .volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
                .volumeMount(new VolumeMountBuilder().withName("data").withMountPath("/data").build())
                .build())
                .hasMessageContaining("outputs: '/data' is also the mountPath of volume 'data'");
        assertThatThrownBy(() -> spec().outputs("/out").outputsImage("busybox:1.37")
                .volume(new VolumeBuilder().withName(JobLabels.OUTPUTS_VOLUME).withNewEmptyDir().endEmptyDir()
                        .build())
                .build())
                .hasMessageContaining("reserved for outputs");
    }
}
