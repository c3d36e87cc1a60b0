package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Plays a {@link ContainerScript} on the simulation loop: consecutive output steps run in one go, every pause is a
 * timer, and a script that runs forever costs nothing until it is stopped.
 */
final class ScriptedProcess implements ContainerProcess {

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
        // A scripted process honours SIGTERM: it ends once the termination time has passed.
        timer = loop.schedule(within, () -> end(exitCode, false));
    }

    @Override
    public void discard() {
        ended = true;
        cancelTimer();
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
