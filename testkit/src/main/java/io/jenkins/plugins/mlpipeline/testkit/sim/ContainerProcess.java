package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;

import java.time.Duration;

/** The main process of a simulated container: scripted, or a real local process. */
interface ContainerProcess {

    /** Receives what the process does; called on the simulation loop. */
    interface Listener {
        void output(String line);

        /**
         * Writes a file the script asks for.
         *
         * @return false when the write failed; the reason has been written to the log as a shell would print it
         */
        boolean writeFile(ContainerScript.WriteFile write);

        void exited(int exitCode, boolean oomKilled);

        /** The process could not be started (the runtime reports StartError, exit code 128). */
        void failedToStart(String message);
    }

    void start();

    /**
     * Pod deletion or eviction: SIGTERM, then SIGKILL once {@code within} has passed (at once when zero), after which
     * the process has ended with {@code exitCode}. A process that handles SIGTERM may end earlier, with its own code.
     */
    void stop(Duration within, int exitCode);

    /** A signal sent to the process from inside the container (an exec of {@code kill ... 1}). */
    void signal(Signal signal);

    /** The pod is gone: drop everything without reporting. */
    void discard();
}
