package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.MOUNT;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.SIDECAR;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.SIDECAR_IMAGE;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.VOLUME;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.awaitMainTerminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Files written by scripts: emptyDir volumes on the host, containers' own filesystems, mount options. */
class ContainerFilesTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script(SIDECAR_IMAGE, OutputsPods.sidecar());
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void filesOutsideVolumesAreSeenOnlyByTheContainerThatWroteThem() throws Exception {
        emu.script("worker:1", ContainerScript.create()
                .writeFile("/work/private.txt", "mine")
                .writeFile(MOUNT + "/shared.txt", "ours")
                .runForever());
        client.batch().v1().jobs().resource(OutputsPods.job("own", "worker:1").build()).create();
        String pod = awaitRunning("own");

        assertThat(OutputsPods.entries(tar(pod, "main", "/work"))).containsOnlyKeys("./", "./private.txt");
        assertThat(OutputsPods.entries(tar(pod, SIDECAR, MOUNT))).containsOnlyKeys("./", "./shared.txt");
        assertThat(exitCodeOfTar(pod, SIDECAR, "/work")).isEqualTo(1);
    }

    @Test
    void hostFilesAndSparseZerosLandInThePodVolume(@TempDir Path host) throws Exception {
        Path model = Files.writeString(host.resolve("model.bin"), "trained weights");
        emu.script("copier:1", ContainerScript.create()
                .writeFile(MOUNT + "/model.bin", model)
                .writeFile(MOUNT + "/huge.bin", 5L * 1024 * 1024 * 1024)
                .exit(0));
        client.batch().v1().jobs().resource(OutputsPods.job("copy", "copier:1").build()).create();
        String pod = awaitMainTerminated(emu, "copy");

        Path volume = emu.podVolumeDir("default", pod, VOLUME).orElseThrow();
        assertThat(volume.resolve("model.bin")).hasContent("trained weights");
        assertThat(Files.size(volume.resolve("huge.bin"))).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(emu.podVolumeDir("default", pod, "no-such-volume")).isEmpty();
        assertThat(emu.podVolumeDir("default", "no-such-pod", VOLUME)).isEmpty();
    }

    @Test
    void writeIntoAReadOnlyMountFailsTheContainerAsAShellWould() {
        emu.script("writer:1", ContainerScript.create()
                .writeFile(MOUNT + "/x", "x")
                .log("not reached")
                .exit(0));
        Job job = OutputsPods.job("readonly", "writer:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .editFirstVolumeMount().withReadOnly(true).endVolumeMount().endContainer()
                .endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().resource(job).create();
        String pod = awaitMainTerminated(emu, "readonly");

        ContainerStateTerminated main = OutputsPods.state(client.pods().withName(pod).get(), "main").getTerminated();
        assertThat(main.getExitCode()).isEqualTo(1);
        assertThat(main.getReason()).isEqualTo("Error");
        assertThat(client.pods().withName(pod).inContainer("main").getLog())
                .isEqualTo("sh: can't create " + MOUNT + "/x: Read-only file system\n");
    }

    @Test
    void subPathMountsADirectoryOfTheVolume() throws Exception {
        emu.script("runner:1", ContainerScript.create().writeFile("/out/a.txt", "a").exit(0));
        Job job = OutputsPods.job("subpath", "runner:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .editFirstVolumeMount().withMountPath("/out").withSubPath("run-1").endVolumeMount().endContainer()
                .endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().resource(job).create();
        String pod = awaitMainTerminated(emu, "subpath");

        Map<String, String> entries = OutputsPods.entries(tar(pod, SIDECAR, MOUNT));
        assertThat(entries).containsOnlyKeys("./", "./run-1/", "./run-1/a.txt");
    }

    @Test
    void podVolumesAreRemovedWhenTheEmulatorCloses() {
        emu.script("keeper:1", ContainerScript.create().writeFile(MOUNT + "/kept", "k").exit(0));
        client.batch().v1().jobs().resource(OutputsPods.job("kept", "keeper:1").build()).create();
        String pod = awaitMainTerminated(emu, "kept");
        Path volume = emu.podVolumeDir("default", pod, VOLUME).orElseThrow();
        assertThat(volume.resolve("kept")).exists();

        emu.close();

        assertThat(volume).doesNotExist();
        emu = ClusterEmulator.builder().build();
    }

    private String awaitRunning(String job) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !emu.pods("default", job).isEmpty()
                && OutputsPods.state(emu.pods("default", job).get(0), "main") != null
                && OutputsPods.state(emu.pods("default", job).get(0), "main").getRunning() != null);
        return emu.pods("default", job).get(0).getMetadata().getName();
    }

    private byte[] tar(String pod, String container, String dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().withName(pod).inContainer(container).writingOutput(out)
                .exec(command(dir))) {
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isZero();
        }
        return out.toByteArray();
    }

    private int exitCodeOfTar(String pod, String container, String dir) throws Exception {
        try (ExecWatch watch = client.pods().withName(pod).inContainer(container)
                .writingOutput(new ByteArrayOutputStream()).writingError(new ByteArrayOutputStream())
                .exec(command(dir))) {
            return watch.exitCode().get(30, TimeUnit.SECONDS);
        }
    }

    private static String[] command(String dir) {
        return List.of("tar", "-cf", "-", "-C", dir, ".").toArray(String[]::new);
    }
}
