package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs a container's {@code command} + {@code args} as a real local process: no shell, a clean environment (the
 * host's PATH, HOME set to the working directory, HOSTNAME set to the pod name, then the container's literal env
 * values), a fresh temporary working directory, stdout and stderr merged line by line into the log. Arguments and env
 * values naming the container's emptyDir mounts are pointed at the host directories ({@link MountPathRewriter}).
 */
final class LocalProcess implements ContainerProcess {

    private static final Logger LOG = Logger.getLogger(LocalProcess.class.getName());

    private final Container container;
    private final List<String> entrypoint;
    private final String podName;
    private final SimulationLoop loop;
    private final Listener listener;
    private final MountPathRewriter mounts;
    private Process process;
    private Path workDir;
    private boolean ended;

    LocalProcess(Container container, List<String> entrypoint, String podName, SimulationLoop loop,
            Listener listener, MountPathRewriter mounts) {
        this.container = container;
        this.entrypoint = entrypoint;
        this.podName = podName;
        this.loop = loop;
        this.listener = listener;
        this.mounts = mounts;
    }

    @Override
    public void start() {
        List<String> argv = new ArrayList<>();
        // Kubernetes: the container's command replaces the image's entrypoint; args follow either.
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            argv.addAll(container.getCommand());
        } else {
            argv.addAll(entrypoint);
        }
        if (argv.isEmpty()) {
            ended = true;
            listener.failedToStart("local process mode needs the container's command or an entrypoint given "
                    + "with ContainerScript.localProcess(entrypoint)");
            return;
        }
        if (container.getArgs() != null) {
            argv.addAll(container.getArgs());
        }
        argv.replaceAll(mounts::rewrite);
        try {
            workDir = Files.createTempDirectory("cluster-emulator-" + podName + "-");
            ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            String path = env.get("PATH");
            env.clear();
            if (path != null) {
                env.put("PATH", path);
            }
            env.put("HOME", workDir.toString());
            env.put("HOSTNAME", podName);
            if (container.getEnv() != null) {
                for (EnvVar var : container.getEnv()) {
                    if (var.getValue() != null) {
                        env.put(var.getName(), mounts.rewrite(var.getValue()));
                    }
                }
            }
            process = builder.start();
        } catch (IOException e) {
            ended = true;
            deleteWorkDir();
            listener.failedToStart("failed to create containerd task: failed to create shim task: OCI runtime "
                    + "create failed: runc create failed: unable to start container process: exec: \""
                    + argv.get(0) + "\": executable file not found in $PATH: unknown");
            return;
        }
        Thread reader = new Thread(this::pump, "cluster-emulator-process-" + podName + "-" + container.getName());
        reader.setDaemon(true);
        reader.start();
    }

    /** Reads the output until EOF, then waits for the exit; hands both to the loop in order. */
    private void pump() {
        Process running = process;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String text = line;
                loop.execute(() -> {
                    if (!ended) {
                        listener.output(text);
                    }
                });
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "output of a local process ended abruptly", e);
        }
        int exitCode;
        try {
            exitCode = running.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
            return;
        }
        int code = exitCode;
        loop.execute(() -> {
            if (!ended) {
                ended = true;
                deleteWorkDir();
                listener.exited(code, false);
            }
        });
    }

    @Override
    public void stop(Duration within, int exitCode) {
        if (ended || process == null) {
            return;
        }
        process.destroy();
        Process running = process;
        loop.schedule(within.plusMillis(500), () -> {
            if (running.isAlive()) {
                running.destroyForcibly();
            }
        });
    }

    /**
     * SIGINT and SIGTERM reach the real process (which may handle them, as Python turns SIGINT into
     * KeyboardInterrupt); other signals to PID 1 from inside its container are ignored, as the kernel does.
     */
    @Override
    public void signal(Signal signal) {
        if (ended || process == null || !process.isAlive()) {
            return;
        }
        if (signal == Signal.TERM) {
            process.destroy();
        } else if (signal == Signal.INT) {
            try {
                // Java can only send SIGTERM and SIGKILL itself.
                new ProcessBuilder("kill", "-s", "INT", String.valueOf(process.pid()))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not send SIGINT to the local process of pod " + podName, e);
            }
        }
    }

    @Override
    public void discard() {
        ended = true;
        if (process != null) {
            process.destroyForcibly();
        }
        deleteWorkDir();
    }

    private void deleteWorkDir() {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "could not delete " + workDir, e);
        }
        workDir = null;
    }
}
