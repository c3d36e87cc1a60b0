package io.jenkins.plugins.mlpipeline.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.jenkins.plugins.mlpipeline.JobLabels;

import java.util.List;
import java.util.Map;

/**
 * The output sidecar of a run with {@code outputs}: a container that only waits, sharing an emptyDir with the main
 * container, so the files stay reachable after the main container has ended. The engine then runs {@link #ARCHIVE}
 * in it and streams the archive out, and finally {@link #RELEASE} so the pod, and with it the Job, can complete
 * (the pattern of Airflow's xcom sidecar, for whole directories).
 *
 * <p>A classic sidecar rather than a native one (an init container with restartPolicy Always): Kubernetes stops
 * native sidecars as soon as the main container ends, which is exactly when the files are wanted. Its requests
 * equal its limits so a Guaranteed training pod stays Guaranteed.
 */
public final class OutputSidecar {

    /** PID 1 of the sidecar: sleeps until it is told (SIGINT, or SIGTERM on deletion) to exit successfully. */
    static final List<String> WAIT = List.of("sh", "-c", "trap 'exit 0' INT TERM; while true; do sleep 1; done");
    /** Signals the sidecar's PID 1 from an exec in the same container. */
    public static final List<String> RELEASE = List.of("sh", "-c", "kill -s INT 1");

    private OutputSidecar() {
    }

    /** {@code tar -cf - -C <dir> .}: the whole directory on stdout, entries named {@code ./...}. */
    public static List<String> archive(String outputs) {
        return List.of("tar", "-cf", "-", "-C", outputs, ".");
    }

    static Container container(String image, String outputs) {
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi"));
        return new ContainerBuilder()
                .withName(JobLabels.OUTPUTS_CONTAINER)
                .withImage(image)
                .withCommand(WAIT)
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .withVolumeMounts(mount(outputs))
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
    }

    static VolumeMount mount(String outputs) {
        return new VolumeMountBuilder().withName(JobLabels.OUTPUTS_VOLUME).withMountPath(outputs).build();
    }
}
