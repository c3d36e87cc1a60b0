package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.awaitility.Awaitility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pod shape the engine renders for output collection: {@code main} plus a waiting sidecar sharing an emptyDir. */
final class OutputsPods {

    static final String SIDECAR = "ml-outputs";
    static final String SIDECAR_IMAGE = "busybox:1.37";
    static final String VOLUME = "ml-outputs";
    static final String MOUNT = "/ml/outputs";
    static final List<String> TAR = List.of("tar", "-cf", "-", "-C", MOUNT, ".");
    static final List<String> RELEASE = List.of("sh", "-c", "kill -s INT 1");

    private OutputsPods() {
    }

    /** A Job whose pod runs {@code mainImage} as {@code main} and the sidecar, restartPolicy Never, no retries. */
    static JobBuilder job(String name, String mainImage) {
        return new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage(mainImage)
                .addNewVolumeMount().withName(VOLUME).withMountPath(MOUNT).endVolumeMount()
                .endContainer()
                .addNewContainer().withName(SIDECAR).withImage(SIDECAR_IMAGE)
                .withCommand("sh", "-c", "trap 'exit 0' INT TERM; while true; do sleep 1; done")
                .addNewVolumeMount().withName(VOLUME).withMountPath(MOUNT).endVolumeMount()
                .endContainer()
                .addNewVolume().withName(VOLUME).withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec();
    }

    /** The sidecar script the engine's sidecar image behaves like. */
    static ContainerScript sidecar() {
        return ContainerScript.create().waitForSignal();
    }

    /** Waits for the Job's pod and for its {@code main} container to have terminated; returns the pod's name. */
    static String awaitMainTerminated(ClusterEmulator emu, String job) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Pod> pods = emu.pods("default", job);
            return !pods.isEmpty() && state(pods.get(0), "main") != null
                    && state(pods.get(0), "main").getTerminated() != null;
        });
        return emu.pods("default", job).get(0).getMetadata().getName();
    }

    static ContainerStatus status(Pod pod, String container) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName()))
                .findFirst().orElse(null);
    }

    static ContainerState state(Pod pod, String container) {
        ContainerStatus status = status(pod, container);
        return status == null ? null : status.getState();
    }

    /** Entry name to content (directories map to null) of a tar, in archive order. */
    static Map<String, String> entries(byte[] tar) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry.isDirectory() ? null
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
