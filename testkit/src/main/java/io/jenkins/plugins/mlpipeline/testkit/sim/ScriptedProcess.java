package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Plays a {@link ContainerScript} on the simulation loop: consecutive output and file steps run in one go, every
 * pause is a timer, and a script that runs forever (or waits for a signal) costs nothing until it is stopped.
 *
 * <p>Signals sent from inside the container reach a PID 1 that installed no handler, which the kernel shields from
 * them: they are ignored, except by a {@link ContainerScript.WaitForSignal} script, whose shell traps INT and TERM
 * from its first line on and exits 0.
 */
final class ScriptedProcess implements ContainerProcess {

    private static final int FAILED_WRITE_EXIT = 1;

    private final ContainerScript script;
    private final SimulationLoop loop;
    private final Listener listener;
    private int next;
    private ScheduledFuture<?> timer;
    private boolean ended;

    ScriptedProcess(ContainerScript script, SimulationLoop loop, Listener listener) {
        this.script = script;
        this.loop = loop;
        this.listener = listener;
    }

    @Override
    public void start() {
        advance();
    }

    private void advance() {
        timer = null;
        List<ContainerScript.Step> steps = script.steps();
        while (!ended && next < steps.size()) {
            ContainerScript.Step step = steps.get(next++);
            if (step instanceof ContainerScript.Output output) {
                listener.output(output.line());
            } else if (step instanceof ContainerScript.WriteFile write) {
                if (!listener.writeFile(write)) {
                    // Like a shell script under `set -e`: the failed write ends the container.
                    end(FAILED_WRITE_EXIT, false);
                    return;
                }
            } else if (step instanceof ContainerScript.Pause pause && !pause.duration().isZero()) {
                timer = loop.schedule(pause.duration(), this::advance);
                return;
            }
        }
        if (!ended && script.ending() instanceof ContainerScript.Exit exit) {
            end(exit.code(), exit.oomKilled());
        }
    }

    @Override
    public void stop(Duration within, int exitCode) {
        if (ended) {
            return;
        }
        cancelTimer();
        // A scripted process honours SIGTERM: it ends once the termination time has passed. A trapping shell exits
        // 0 then; a zero grace period is a SIGKILL, which no trap catches.
        int code = trapsInterruptAndTerminate() && !within.isZero() ? 0 : exitCode;
        timer = loop.schedule(within, () -> end(code, false));
    }

    @Override
    public void signal(Signal signal) {
        if (!ended && signal.isInterruptOrTerminate() && trapsInterruptAndTerminate()) {
            end(0, false);
        }
    }

    @Override
    public void discard() {
        ended = true;
        cancelTimer();
    }

    private boolean trapsInterruptAndTerminate() {
        return script.ending() instanceof ContainerScript.WaitForSignal;
    }

    private void end(int exitCode, boolean oomKilled) {
        if (ended) {
            return;
        }
        ended = true;
        cancelTimer();
        listener.exited(exitCode, oomKilled);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
