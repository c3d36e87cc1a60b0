package io.jenkins.plugins.mlpipeline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated container does: write log lines, wait, and end. Immutable; every method returns a new script.
 *
 * <pre>{@code
 * ContainerScript.create()
 *     .log("epoch 1")
 *     .log(Duration.ofMillis(200), "{\"loss\": 0.3}")
 *     .exit(1);
 * }</pre>
 *
 * A script without an ending exits 0 after its last step. {@link #localProcess()} instead runs the container's
 * {@code command} and {@code args} as a real local process.
 */
public final class ContainerScript {

    /** One step of a script. */
    public sealed interface Step permits Output, Pause {
    }

    /** Writes a line; {@code stderr} lines go to the same log, as the container runtime merges the streams. */
    public record Output(String line, boolean stderr) implements Step {
    }

    /** Waits. */
    public record Pause(Duration duration) implements Step {
    }

    /** How the script ends. */
    public sealed interface Ending permits Exit, RunForever {
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

    private final List<Step> steps;
    private final Ending ending;
    private final boolean localProcess;

    private ContainerScript(List<Step> steps, Ending ending, boolean localProcess) {
        this.steps = List.copyOf(steps);
        this.ending = ending;
        this.localProcess = localProcess;
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
        return localProcess ? "ContainerScript[localProcess]" : "ContainerScript" + steps + " then " + ending();
    }
}
