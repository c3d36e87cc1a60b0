package io.jenkins.plugins.mlpipeline.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated container does: write log lines and files, wait, and end. Immutable; every method returns a new
 * script.
 *
 * <pre>{@code
 * ContainerScript.create()
 *     .log("epoch 1")
 *     .writeFile("/ml/outputs/model.bin", 1_000_000)
 *     .log(Duration.ofMillis(200), "{\"loss\": 0.3}")
 *     .exit(1);
 * }</pre>
 *
 * A script without an ending exits 0 after its last step. Steps run in order, so a file is written before the log
 * lines and the exit that follow it. {@link #localProcess()} instead runs the container's {@code command} and
 * {@code args} as a real local process.
 */
public final class ContainerScript {

    /** One step of a script. */
    public sealed interface Step permits Output, Pause, WriteFile {
    }

    /** Writes a line; {@code stderr} lines go to the same log, as the container runtime merges the streams. */
    public record Output(String line, boolean stderr) implements Step {
    }

    /** Waits. */
    public record Pause(Duration duration) implements Step {
    }

    /**
     * Writes a file at an absolute path inside the container (parent directories are created, an existing file is
     * replaced). A path under an {@code emptyDir} volume mount lands in that pod volume; any other path in the
     * container's own filesystem, which only exec commands of the same container see.
     */
    public record WriteFile(String path, FileContent content) implements Step {
    }

    /** What a {@link WriteFile} step writes. */
    public sealed interface FileContent permits Text, HostFile, Zeros {
    }

    /** UTF-8 text. */
    public record Text(String text) implements FileContent {
    }

    /** The content of a file on the host, hard-linked when possible, otherwise copied (never read into memory). */
    public record HostFile(Path file) implements FileContent {
    }

    /** That many zero bytes, as a sparse file: cheap even for gigabytes. */
    public record Zeros(long size) implements FileContent {
    }

    /** How the script ends. */
    public sealed interface Ending permits Exit, RunForever, WaitForSignal {
    }

    /**
     * The main process ends.
     *
     * @param oomKilled the runtime reports reason {@code OOMKilled} (whatever the exit code) instead of
     *                  {@code Completed}/{@code Error}
     */
    public record Exit(int code, boolean oomKilled) implements Ending {
    }

    /** Runs until the pod is deleted or evicted. */
    public record RunForever() implements Ending {
    }

    /**
     * Runs like {@code sh -c "trap 'exit 0' INT TERM; while true; do sleep 1; done"}: until SIGINT or SIGTERM reaches
     * PID 1 (an exec of {@code kill -s INT 1}, or pod deletion), then exits 0. Eviction (SIGKILL) ends it with 137.
     */
    public record WaitForSignal() implements Ending {
    }

    private final List<Step> steps;
    private final Ending ending;
    private final boolean localProcess;
    /** For a local process: the image's entrypoint, used when the container gives no {@code command}. */
    private final List<String> entrypoint;

    private ContainerScript(List<Step> steps, Ending ending, boolean localProcess) {
        this(steps, ending, localProcess, List.of());
    }

    private ContainerScript(List<Step> steps, Ending ending, boolean localProcess, List<String> entrypoint) {
        this.steps = List.copyOf(steps);
        this.ending = ending;
        this.localProcess = localProcess;
        this.entrypoint = List.copyOf(entrypoint);
    }

    /** An empty script: the container exits 0 at once unless steps are added. */
    public static ContainerScript create() {
        return new ContainerScript(List.of(), null, false);
    }

    /**
     * Runs the container's {@code command} + {@code args} as a local process (no shell), with the container's literal
     * {@code env} values, in a fresh temporary working directory. Its stdout and stderr lines become the log, its exit
     * code the container's, and it is destroyed when the pod is deleted.
     */
    public static ContainerScript localProcess() {
        return new ContainerScript(List.of(), null, true);
    }

    /**
     * {@link #localProcess()} for an image whose entrypoint is {@code entrypoint}, e.g. {@code [python3,
     * /path/to/train.py]} standing in for an image built with {@code ENTRYPOINT ["python3", "/app/train.py"]}: as in
     * Kubernetes, a container without {@code command} runs the entrypoint with its {@code args} appended, and a
     * container with a {@code command} runs that command instead.
     */
    public static ContainerScript localProcess(List<String> entrypoint) {
        Objects.requireNonNull(entrypoint, "entrypoint");
        if (entrypoint.isEmpty() || entrypoint.stream().anyMatch(item -> item == null || item.isEmpty())) {
            throw new IllegalArgumentException("localProcess needs a non-empty entrypoint without empty items, was "
                    + entrypoint);
        }
        return new ContainerScript(List.of(), null, true, entrypoint);
    }

    public ContainerScript log(String line) {
        return then(new Output(Objects.requireNonNull(line, "line"), false));
    }

    public ContainerScript log(Duration after, String line) {
        return sleep(after).log(line);
    }

    public ContainerScript stderr(String line) {
        return then(new Output(Objects.requireNonNull(line, "line"), true));
    }

    public ContainerScript sleep(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("sleep needs a duration >= 0, was " + duration);
        }
        return then(new Pause(duration));
    }

    /** Writes {@code content} as UTF-8 to {@code path}, an absolute path inside the container. */
    public ContainerScript writeFile(String path, String content) {
        return then(new WriteFile(containerPath(path), new Text(Objects.requireNonNull(content, "content"))));
    }

    /**
     * Writes the content of {@code hostFile} (which must exist now) to {@code path}. The file is hard-linked into the
     * container when host and pod directories share a filesystem, else copied; it is never loaded into memory.
     */
    public ContainerScript writeFile(String path, Path hostFile) {
        Objects.requireNonNull(hostFile, "hostFile");
        if (!Files.isRegularFile(hostFile)) {
            throw new IllegalArgumentException("writeFile needs an existing regular host file, " + hostFile
                    + " is not one");
        }
        return then(new WriteFile(containerPath(path), new HostFile(hostFile.toAbsolutePath())));
    }

    /** Writes {@code size} zero bytes to {@code path} as a sparse file (no disk space, no time, whatever the size). */
    public ContainerScript writeFile(String path, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("writeFile needs a size >= 0, was " + size);
        }
        return then(new WriteFile(containerPath(path), new Zeros(size)));
    }

    public ContainerScript exit(int code) {
        return end(new Exit(code, false));
    }

    /** The kernel kills the process for exceeding its memory limit: reason OOMKilled, exit code 137. */
    public ContainerScript oomKilled() {
        return end(new Exit(137, true));
    }

    /** Reason OOMKilled with another exit code, e.g. 0 when the pod even reports success. */
    public ContainerScript oomKilledWithExitCode(int code) {
        return end(new Exit(code, true));
    }

    public ContainerScript runForever() {
        return end(new RunForever());
    }

    /** Ends like a sidecar that waits for SIGINT/SIGTERM to PID 1 and then exits 0; see {@link WaitForSignal}. */
    public ContainerScript waitForSignal() {
        return end(new WaitForSignal());
    }

    public List<Step> steps() {
        return steps;
    }

    /** The ending; exit 0 when none was given. */
    public Ending ending() {
        return ending == null ? new Exit(0, false) : ending;
    }

    public boolean isLocalProcess() {
        return localProcess;
    }

    /** The image entrypoint of a {@link #localProcess(List)} script; empty when the container must give a command. */
    public List<String> entrypoint() {
        return entrypoint;
    }

    private ContainerScript then(Step step) {
        requireOpen();
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new ContainerScript(more, null, false);
    }

    private ContainerScript end(Ending newEnding) {
        requireOpen();
        return new ContainerScript(steps, newEnding, false);
    }

    /** An absolute path without {@code .} or {@code ..} segments, as a file inside a container is named here. */
    private static String containerPath(String path) {
        Objects.requireNonNull(path, "path");
        boolean valid = path.startsWith("/") && path.length() > 1 && !path.endsWith("/") && !path.contains("//");
        for (String segment : path.split("/")) {
            valid &= !segment.equals(".") && !segment.equals("..");
        }
        if (!valid) {
            throw new IllegalArgumentException("writeFile needs an absolute file path inside the container without "
                    + "'.', '..', '//' or a trailing '/', e.g. /ml/outputs/model.bin; was \"" + path + "\"");
        }
        return path;
    }

    private void requireOpen() {
        if (localProcess) {
            throw new IllegalStateException("a localProcess() script runs the container's command; it takes no steps");
        }
        if (ending != null) {
            throw new IllegalStateException("the script already ends with " + ending + "; no step can follow");
        }
    }

    @Override
    public String toString() {
        return localProcess ? "ContainerScript[localProcess" + (entrypoint.isEmpty() ? "" : " " + entrypoint) + "]" : "ContainerScript" + steps + " then " + ending();
    }
}
