package io.jenkins.plugins.mlpipeline.testkit.exec;

import io.jenkins.plugins.mlpipeline.testkit.sim.ExecTarget;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What an emulated command works with: the container, its output streams, and effects to apply at the end. */
final class ExecIo {

    private final ExecTarget target;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final List<Runnable> afterExit = new ArrayList<>();

    ExecIo(ExecTarget target, OutputStream stdout, OutputStream stderr) {
        this.target = target;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    ExecTarget target() {
        return target;
    }

    OutputStream stdout() {
        return stdout;
    }

    /** Writes one line to stderr. */
    void error(String line) throws IOException {
        stderr.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code effect} once the command's exit status has been sent. A {@code kill 1} uses it: the real process
     * reports its exit before the signalled PID 1 has finished its trap, so the exec's status is never lost to the
     * container's end.
     */
    void afterExit(Runnable effect) {
        afterExit.add(effect);
    }

    List<Runnable> effectsAfterExit() {
        return List.copyOf(afterExit);
    }

    void flush() throws IOException {
        stdout.flush();
        stderr.flush();
    }
}
