package io.jenkins.plugins.mlpipeline.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.outputs.CollectedOutputs;
import io.jenkins.plugins.mlpipeline.outputs.FileTrees;
import io.jenkins.plugins.mlpipeline.outputs.OutputExtractor;
import io.jenkins.plugins.mlpipeline.outputs.OutputFile;
import io.jenkins.plugins.mlpipeline.outputs.OutputRejectedException;
import io.jenkins.plugins.mlpipeline.outputs.RemoteModel;
import io.jenkins.plugins.mlpipeline.render.OutputSidecar;
import io.jenkins.plugins.mlpipeline.status.PodStates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects a run's outputs from its output sidecar (see {@link OutputSidecar}): once a pod's main container has
 * ended while the sidecar still runs, the files are streamed out with {@code tar} (only after a success) and the
 * sidecar is released so the pod and the Job can complete. The Job's state is never read from the sidecar: a
 * collection that succeeded is what counts (see {@link RunFollow}).
 *
 * <p>Restart-safe: a manifest is written next to the files before the sidecar is released, so a controller that
 * restarts after the release reads the manifest, and one that restarts before it collects again.
 */
final class OutputCollection {

    private static final Logger LOG = Logger.getLogger(OutputCollection.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_LIMIT = 4096;
    private static final Duration EXEC_EXIT_WAIT = Duration.ofSeconds(60);
    private static final int RELEASE_ATTEMPTS = 3;
    /**
     * How long a finished run waits for a collection still under way. Normally none is: the Job only completes
     * once the sidecar was released, after the collection. It can be when the Job ended otherwise (deadline).
     */
    static final Duration FINISH_WAIT = Duration.ofMinutes(10);

    /** What became of the outputs. */
    sealed interface Outcome {
        record Collected(CollectedOutputs outputs) implements Outcome {
        }

        /** @param reason a short CamelCase reason, as the status matrix uses */
        record Failed(String reason, String message) implements Outcome {
        }
    }

    /** The manifest a restarted controller reads: what the collection found, without the bytes. */
    record Manifest(List<OutputFile> files, long totalBytes, Map<String, Object> result, RemoteModel remote) {
        CollectedOutputs toOutputs() {
            return new CollectedOutputs(List.copyOf(files), totalBytes, result == null ? Map.of() : result,
                    Optional.ofNullable(remote));
        }
    }

    private final RunRef ref;
    private final OutputRequest request;
    private final Supplier<KubernetesClient> clients;
    private final Executor executor;
    private final Consumer<String> log;
    private final Consumer<Outcome.Failed> stuck;
    private final Runnable beforeCollecting;
    private final Set<String> handledPods = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<Outcome> collection;

    /**
     * @param stuck told when a sidecar cannot be released: its pod would keep its resources (a GPU) until the Job's
     *              deadline, so the run is ended and its Job deleted instead
     * @param beforeCollecting run before a collection starts (waits, bounded, for the container's last log lines,
     *                         so the build log reads in order)
     */
    OutputCollection(RunRef ref, OutputRequest request, Supplier<KubernetesClient> clients, Executor executor,
                     Consumer<String> log, Consumer<Outcome.Failed> stuck, Runnable beforeCollecting) {
        this.ref = ref;
        this.request = request;
        this.clients = clients;
        this.executor = executor;
        this.log = log;
        this.stuck = stuck;
        this.beforeCollecting = beforeCollecting;
    }

    /** Looks at the run's pods (called on every change): starts collecting/releasing where a main container ended. */
    void onPods(List<Pod> pods) {
        for (Pod pod : pods) {
            Optional<ContainerStateTerminated> main = PodStates.mainTerminated(pod);
            if (main.isEmpty() || !sidecarRunning(pod) || PodStates.isDeleting(pod)
                    || !handledPods.add(pod.getMetadata().getName())) {
                continue;
            }
            boolean succeeded = Integer.valueOf(0).equals(main.get().getExitCode())
                    && !"OOMKilled".equals(main.get().getReason());
            if (succeeded) {
                collection = CompletableFuture.supplyAsync(() -> collectThenRelease(pod), executor);
            } else {
                executor.execute(() -> release(pod));
            }
        }
    }

    /**
     * Whether this run has outputs at all: a Job launched without them, or by someone else, has no output sidecar
     * (and one whose pods are gone may still have its manifest here).
     */
    boolean expected(List<Pod> pods) {
        return Files.isRegularFile(request.manifest()) || pods.stream().anyMatch(p -> p.getSpec() != null && p.getSpec().getContainers() != null
                && p.getSpec().getContainers().stream().anyMatch(c -> JobLabels.OUTPUTS_CONTAINER.equals(c.getName())));
    }

    /**
     * The outcome once the run has finished: the collection of this controller, or the manifest an earlier one
     * wrote, or empty if nothing was ever collected.
     */
    Optional<Outcome> outcome(Duration wait) throws InterruptedException {
        CompletableFuture<Outcome> running = collection;
        if (running != null) {
            try {
                return Optional.of(running.get(wait.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                return Optional.of(new Outcome.Failed("OutputsNotCollected", "collecting the outputs failed: "
                        + e.getCause()));
            } catch (TimeoutException e) {
                return Optional.of(new Outcome.Failed("OutputsNotCollected", "collecting the outputs did not finish"
                        + " within " + wait.toSeconds() + "s after the Job ended"));
            }
        }
        return readManifest().map(Outcome.Collected::new);
    }

    private Outcome collectThenRelease(Pod pod) {
        Outcome outcome;
        try {
            beforeCollecting.run();
            Optional<CollectedOutputs> earlier = readManifest();
            outcome = earlier.<Outcome>map(Outcome.Collected::new).orElseGet(() -> collect(pod));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "collecting outputs of " + ref + " failed", e);
            outcome = new Outcome.Failed("OutputsNotCollected", "collecting the outputs failed: " + e);
        }
        release(pod);
        return outcome;
    }

    private Outcome collect(Pod pod) {
        String podName = pod.getMetadata().getName();
        String dir = outputsPath(pod).orElse(null);
        if (dir == null) {
            return new Outcome.Failed("OutputsNotCollected", "pod " + podName + " has no " + JobLabels.OUTPUTS_VOLUME
                    + " volume mount in its main container");
        }
        log.accept("[ml] collecting outputs from " + dir + " in pod " + podName);
        Path destination = request.destination();
        BoundedBuffer stderr = new BoundedBuffer(STDERR_LIMIT);
        try {
            FileTrees.delete(destination);
            Files.createDirectories(destination.getParent());
            CollectedOutputs outputs;
            int exitCode;
            try (ExecWatch exec = clients.get().pods().inNamespace(ref.namespace()).withName(podName)
                    .inContainer(JobLabels.OUTPUTS_CONTAINER).redirectingOutput().writingError(stderr)
                    .exec(OutputSidecar.archive(dir).toArray(String[]::new))) {
                InputStream stdout = exec.getOutput();
                outputs = OutputExtractor.extract(stdout, destination, request.limits());
                // tar pads its end; fabric8 needs the stream read to the end before it reports the exit code.
                stdout.transferTo(OutputStream.nullOutputStream());
                exitCode = exec.exitCode().get(EXEC_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (exitCode != 0) {
                FileTrees.delete(destination);
                return new Outcome.Failed("OutputsNotCollected", "tar in the output sidecar of pod " + podName
                        + " exited with code " + exitCode + stderr.describe());
            }
            writeManifest(outputs);
            log.accept("[ml] collected " + outputs.files().size() + " output file"
                    + (outputs.files().size() == 1 ? "" : "s") + " (" + outputs.totalBytes() + " bytes)"
                    + outputs.remote().map(r -> "; model at " + r.uri()).orElse(""));
            return new Outcome.Collected(outputs);
        } catch (OutputRejectedException e) {
            // An empty or cut-off archive is often tar failing in the sidecar: its stderr says why.
            return new Outcome.Failed("OutputsRejected", e.getMessage() + stderr.describe());
        } catch (IOException | KubernetesClientException | ExecutionException | TimeoutException e) {
            quietlyDelete(destination);
            return new Outcome.Failed("OutputsNotCollected", "collecting the outputs of pod " + podName
                    + " failed: " + e.getMessage() + stderr.describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quietlyDelete(destination);
            return new Outcome.Failed("OutputsNotCollected", "collecting the outputs was interrupted");
        }
    }

    /** Lets the sidecar exit so the pod completes; retried, because a pod left waiting holds its resources. */
    private void release(Pod pod) {
        String podName = pod.getMetadata().getName();
        String lastProblem = "no answer";
        for (int attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt++) {
            try (ExecWatch exec = clients.get().pods().inNamespace(ref.namespace()).withName(podName)
                    .inContainer(JobLabels.OUTPUTS_CONTAINER).writingOutput(OutputStream.nullOutputStream())
                    .writingError(OutputStream.nullOutputStream())
                    .exec(OutputSidecar.RELEASE.toArray(String[]::new))) {
                int code = exec.exitCode().get(EXEC_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (code == 0) {
                    return;
                }
                lastProblem = "exit code " + code;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                LOG.log(Level.FINE, "release of the output sidecar in " + podName + " failed", e);
                lastProblem = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            try {
                Thread.sleep(1000L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        stuck.accept(new Outcome.Failed("OutputsNotReleased", "could not release the output sidecar of pod "
                + podName + " (" + RELEASE_ATTEMPTS + " attempts; last: " + lastProblem + "); the Job is deleted so"
                + " the pod does not keep its resources. The cloud's identity needs create and get on pods/exec"));
    }

    private static boolean sidecarRunning(Pod pod) {
        return PodStates.containerStatus(pod, JobLabels.OUTPUTS_CONTAINER)
                .map(status -> status.getState() != null && status.getState().getRunning() != null)
                .orElse(false);
    }

    private static Optional<String> outputsPath(Pod pod) {
        String main = PodStates.mainContainerName(pod);
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getName().equals(main) && c.getVolumeMounts() != null) {
                for (VolumeMount m : c.getVolumeMounts()) {
                    if (JobLabels.OUTPUTS_VOLUME.equals(m.getName())) {
                        return Optional.of(m.getMountPath());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<CollectedOutputs> readManifest() {
        Path manifest = request.manifest();
        if (!Files.isRegularFile(manifest) || !Files.isDirectory(request.destination())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(manifest.toFile(), Manifest.class).toOutputs());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "unreadable output manifest " + manifest + "; collecting again", e);
            return Optional.empty();
        }
    }

    private void writeManifest(CollectedOutputs outputs) throws IOException {
        Path manifest = request.manifest();
        Path temp = manifest.resolveSibling(manifest.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), new Manifest(outputs.files(), outputs.totalBytes(), outputs.result(),
                outputs.remote().orElse(null)));
        try {
            Files.move(temp, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, manifest, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void quietlyDelete(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "could not delete partial outputs " + dir, e);
        }
    }

    /** Keeps the first bytes of tar's stderr for the message; fabric8 writes to it from its own thread. */
    private static final class BoundedBuffer extends OutputStream {
        private final byte[] bytes;
        private int size;

        BoundedBuffer(int limit) {
            this.bytes = new byte[limit];
        }

        @Override
        public synchronized void write(int b) {
            if (size < bytes.length) {
                bytes[size++] = (byte) b;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int n = Math.min(len, bytes.length - size);
            System.arraycopy(b, off, bytes, size, n);
            size += n;
        }

        synchronized String describe() {
            String text = new String(bytes, 0, size, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text;
        }
    }
}
