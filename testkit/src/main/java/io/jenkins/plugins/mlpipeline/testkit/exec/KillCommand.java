package io.jenkins.plugins.mlpipeline.testkit.exec;

import io.jenkins.plugins.mlpipeline.testkit.sim.Signal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kill [-s SIG | -SIG] PID...} inside a container, where only PID 1 (the container's main process) exists.
 * The signal is delivered after the exec has reported its exit status (see {@link ExecIo#afterExit}); whether PID 1
 * reacts is up to the process (a scripted {@code waitForSignal()} exits 0 on INT and TERM, other scripts ignore
 * signals as a PID 1 without handlers does).
 */
final class KillCommand implements ExecCommand {

    private final Signal signal;
    private final List<String> pids;

    private KillCommand(Signal signal, List<String> pids) {
        this.signal = signal;
        this.pids = pids;
    }

    static ExecCommand parse(List<String> args) {
        Signal signal = Signal.TERM;
        int at = 0;
        if (at < args.size() && args.get(at).equals("-s")) {
            if (args.size() < 2) {
                return io -> ExecCommand.fail(io, "kill: option requires an argument -- s", 1);
            }
            signal = Signal.parse(args.get(1));
            if (signal == null) {
                String name = args.get(1);
                return io -> ExecCommand.fail(io, "kill: bad signal name '" + name + "'", 1);
            }
            at = 2;
        } else if (at < args.size() && args.get(at).startsWith("-") && args.get(at).length() > 1) {
            signal = Signal.parse(args.get(at).substring(1));
            if (signal == null) {
                String name = args.get(at).substring(1);
                return io -> ExecCommand.fail(io, "kill: bad signal name '" + name + "'", 1);
            }
            at = 1;
        }
        List<String> pids = new ArrayList<>(args.subList(at, args.size()));
        if (pids.isEmpty()) {
            return io -> ExecCommand.fail(io, "kill: usage: kill [-s SIG | -SIG] PID...", 1);
        }
        return new KillCommand(signal, pids);
    }

    @Override
    public int run(ExecIo io) throws IOException {
        int exitCode = 0;
        for (String pid : pids) {
            if (pid.equals("1")) {
                io.afterExit(() -> io.target().signal(signal));
            } else {
                io.error("kill: can't kill pid " + pid + ": No such process");
                exitCode = 1;
            }
        }
        return exitCode;
    }
}
