package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Timestamps;
import io.jenkins.plugins.mlpipeline.testkit.logs.ContainerLog;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;

/**
 * One container of a pod on a simulated kubelet: image pull (or its failure), start, the process, termination, and
 * the {@code containerStatuses[]} entry that describes it (k8s pkg/kubelet/kubelet_pods.go, images/image_manager.go;
 * terminated reasons as containerd reports them).
 */
final class ContainerInstance implements ContainerProcess.Listener {

    private static final SecureRandom RANDOM = new SecureRandom();

    enum Phase { WAITING, RUNNING, TERMINATED }

    private final PodRuntime pod;
    private final Container spec;
    private final KubeletContext context;
    private final String fieldPath;
    private Phase phase = Phase.WAITING;
    private String waitingReason = "ContainerCreating";
    private String waitingMessage;
    private String qualifiedImage;
    private String imageId = "";
    private String containerId;
    private Instant startedAt;
    private Instant finishedAt;
    private int exitCode;
    private String terminatedReason;
    private String terminatedMessage;
    private ContainerLog log;
    private ContainerProcess process;
    private ExecTarget execTarget;
    private ScheduledFuture<?> pullTimer;
    private ScheduledFuture<?> restartTimer;
    private int restartCount;
    private ContainerStateTerminated lastTermination;

    ContainerInstance(PodRuntime pod, Container spec, KubeletContext context) {
        this.pod = pod;
        this.spec = spec;
        this.context = context;
        this.fieldPath = "spec.containers{" + spec.getName() + "}";
        this.qualifiedImage = spec.getImage();
    }

    String name() {
        return spec.getName();
    }

    Phase phase() {
        return phase;
    }

    int exitCode() {
        return exitCode;
    }

    boolean hasStarted() {
        return startedAt != null;
    }

    /** Pulls the image and starts the process; may end waiting (bad image) instead. */
    void start() {
        ImageReference reference;
        try {
            reference = ImageReference.parse(spec.getImage());
        } catch (IllegalArgumentException e) {
            String message = "Failed to apply default image tag \"" + spec.getImage()
                    + "\": couldn't parse image name \"" + spec.getImage() + "\": " + e.getMessage();
            waiting("InvalidImageName", message);
            context.events().warning(pod.source(), pod.object(), fieldPath, "InspectFailed", message);
            context.events().warning(pod.source(), pod.object(), fieldPath, "Failed", "Error: InvalidImageName");
            return;
        }
        qualifiedImage = reference.qualifiedName();
        ImageBehaviours.PullFailure failure = context.images().pullFailure(spec.getImage());
        if (failure != null) {
            failPull(failure);
            return;
        }
        pulled(reference);
    }

    private void failPull(ImageBehaviours.PullFailure failure) {
        String image = spec.getImage();
        context.events().normal(pod.source(), pod.object(), fieldPath, "Pulling", "Pulling image \"" + image + "\"");
        context.events().warning(pod.source(), pod.object(), fieldPath, "Failed",
                "Failed to pull image \"" + image + "\": " + failure.message());
        context.events().warning(pod.source(), pod.object(), fieldPath, "Failed", "Error: " + failure.reason());
        waiting(failure.reason(), failure.message());
        pullTimer = context.loop().schedule(context.settings().imagePullBackoff(), this::backOff);
    }

    private void backOff() {
        String image = spec.getImage();
        String message = "Back-off pulling image \"" + image + "\"";
        waiting("ImagePullBackOff", message);
        context.events().normal(pod.source(), pod.object(), fieldPath, "BackOff", message);
        context.events().warning(pod.source(), pod.object(), fieldPath, "Failed", "Error: ImagePullBackOff");
        pod.writeStatus();
        pullTimer = context.loop().schedule(context.settings().imagePullBackoff(), () -> {
            ImageBehaviours.PullFailure failure = context.images().pullFailure(image);
            if (failure != null) {
                failPull(failure);
                pod.writeStatus();
            } else {
                pulled(ImageReference.parse(image));
                pod.writeStatus();
            }
        });
    }

    private void pulled(ImageReference reference) {
        String image = spec.getImage();
        boolean present = !"Always".equals(spec.getImagePullPolicy()) && context.imagePresent(pod.node(), image);
        if (present) {
            context.events().normal(pod.source(), pod.object(), fieldPath, "Pulled",
                    "Container image \"" + image + "\" already present on machine");
        } else {
            context.events().normal(pod.source(), pod.object(), fieldPath, "Pulling",
                    "Pulling image \"" + image + "\"");
            context.events().normal(pod.source(), pod.object(), fieldPath, "Pulled", "Successfully pulled image \""
                    + image + "\" in 12ms (12ms including waiting). Image size: 4194304 bytes.");
            context.imagePulled(pod.node(), image);
        }
        imageId = reference.imageId(image);
        launch();
    }

    private void launch() {
        String image = spec.getImage();
        containerId = "containerd://" + HexFormat.of().formatHex(randomBytes());
        context.events().normal(pod.source(), pod.object(), fieldPath, "Created", "Created container " + name());
        context.events().normal(pod.source(), pod.object(), fieldPath, "Started", "Started container " + name());
        phase = Phase.RUNNING;
        startedAt = context.clock().instant();
        log = context.logs().start(pod.uid(), name());
        ContainerScript script = context.images().scriptFor(image, pod.attempt());
        process = script.isLocalProcess()
                ? new LocalProcess(spec, script.entrypoint(), pod.name(), context.loop(), this,
                        new MountPathRewriter(pod.files().emptyDirMounts(name())))
                : new ScriptedProcess(script, context.loop(), this);
        ExecTarget target = new ExecTarget(name(), pod.files(), context.loop(), this::signalled);
        execTarget = target;
        context.runtime().containerStarted(pod.uid(), target);
        process.start();
    }

    /** A signal from an exec in this container; only the run it was sent to receives it. */
    private void signalled(ExecTarget from, Signal signal) {
        if (from == execTarget && phase == Phase.RUNNING && process != null) {
            process.signal(signal);
        }
    }

    @Override
    public void output(String line) {
        if (log != null) {
            log.append(line);
        }
    }

    @Override
    public boolean writeFile(ContainerScript.WriteFile write) {
        try {
            Path file = pod.files().resolveForWrite(name(), write.path());
            Files.createDirectories(file.getParent());
            if (write.content() instanceof ContainerScript.Text text) {
                Files.writeString(file, text.text());
            } else if (write.content() instanceof ContainerScript.Zeros zeros) {
                Files.deleteIfExists(file);
                try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                    sparse.setLength(zeros.size());
                }
            } else if (write.content() instanceof ContainerScript.HostFile host) {
                Files.deleteIfExists(file);
                linkOrCopy(host.file(), file);
            }
            return true;
        } catch (IOException e) {
            output("sh: can't create " + write.path() + ": " + reason(e));
            return false;
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            // Another filesystem, or links not allowed: a streaming copy, still never held in memory.
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The errno text a shell would print for a failed write. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Is a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public void exited(int code, boolean oomKilled) {
        terminate(code, oomKilled ? "OOMKilled" : code == 0 ? "Completed" : "Error", null);
        if (code != 0 && pod.restartsFailedContainers()) {
            scheduleRestart();
        }
        pod.containerEnded(this);
    }

    /**
     * restartPolicy OnFailure: the kubelet restarts the container after a back-off (real: 10 s doubling up to
     * 5 min; here the pod failure back-off, doubling up to 30 times it), keeping the last run in lastState.
     */
    private void scheduleRestart() {
        lastTermination = status(false).getState().getTerminated();
        restartCount++;
        context.logs().awaitingRestart(pod.uid(), name());
        Duration base = context.settings().podFailureBackoff();
        Duration delay = base.multipliedBy(1L << Math.min(restartCount - 1, 5));
        String podRef = pod.name() + "_" + pod.object().getMetadata().getNamespace() + "(" + pod.uid() + ")";
        waiting("CrashLoopBackOff", "back-off " + delay.toSeconds() + "s restarting failed container=" + name()
                + " pod=" + podRef);
        context.events().warning(pod.source(), pod.object(), fieldPath, "BackOff",
                "Back-off restarting failed container " + name() + " in pod " + podRef);
        restartTimer = context.loop().schedule(delay, () -> {
            restartTimer = null;
            launch();
            pod.writeStatus();
        });
    }

    @Override
    public void failedToStart(String message) {
        terminate(128, "StartError", message);
        pod.containerEnded(this);
    }

    /** SIGTERM (pod deletion, preemption) or SIGKILL (eviction): a running process ends with {@code exitCode}. */
    void stop(Duration within, int killedExitCode) {
        if (restartTimer != null) {
            restartTimer.cancel(false);
            restartTimer = null;
            phase = Phase.TERMINATED;
            return;
        }
        if (phase == Phase.RUNNING) {
            context.events().normal(pod.source(), pod.object(), fieldPath, "Killing", "Stopping container " + name());
            process.stop(within, killedExitCode);
        } else if (phase == Phase.WAITING) {
            cancelPull();
            terminate(137, "ContainerStatusUnknown", "The container could not be located when the pod was terminated");
        }
    }

    /** The pod is gone from the API: stop everything without reporting. */
    void discard() {
        cancelPull();
        if (restartTimer != null) {
            restartTimer.cancel(false);
        }
        if (process != null) {
            process.discard();
        }
        if (log != null) {
            log.end();
        }
        releaseExecTarget();
    }

    /** Exec sessions in this run end; no new one can start. */
    private void releaseExecTarget() {
        if (execTarget != null) {
            ExecTarget target = execTarget;
            execTarget = null;
            context.runtime().containerStopped(pod.uid(), target);
        }
    }

    private void terminate(int code, String reason, String message) {
        phase = Phase.TERMINATED;
        exitCode = code;
        terminatedReason = reason;
        terminatedMessage = message;
        finishedAt = context.clock().instant();
        if (log != null) {
            log.end();
        }
        releaseExecTarget();
    }

    private void waiting(String reason, String message) {
        phase = Phase.WAITING;
        waitingReason = reason;
        waitingMessage = message;
    }

    private void cancelPull() {
        if (pullTimer != null) {
            pullTimer.cancel(false);
            pullTimer = null;
        }
    }

    ContainerStatus status(boolean podTerminating) {
        ContainerStatus status = new ContainerStatus();
        status.setName(name());
        status.setImage(qualifiedImage);
        status.setImageID(imageId);
        status.setContainerID(containerId);
        status.setRestartCount(restartCount);
        if (lastTermination != null) {
            ContainerState last = new ContainerState();
            last.setTerminated(lastTermination);
            status.setLastState(last);
        }
        status.setReady(phase == Phase.RUNNING && !podTerminating);
        status.setStarted(phase == Phase.RUNNING);
        ContainerState state = new ContainerState();
        switch (phase) {
            case WAITING -> state.setWaiting(new ContainerStateWaiting(waitingMessage, waitingReason));
            case RUNNING -> state.setRunning(new ContainerStateRunning(Timestamps.seconds(startedAt)));
            default -> {
                ContainerStateTerminated terminated = new ContainerStateTerminated();
                terminated.setExitCode(exitCode);
                terminated.setReason(terminatedReason);
                terminated.setMessage(terminatedMessage);
                terminated.setContainerID(containerId);
                terminated.setStartedAt(startedAt == null ? null : Timestamps.seconds(startedAt));
                terminated.setFinishedAt(Timestamps.seconds(finishedAt));
                state.setTerminated(terminated);
            }
        }
        status.setState(state);
        return status;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
