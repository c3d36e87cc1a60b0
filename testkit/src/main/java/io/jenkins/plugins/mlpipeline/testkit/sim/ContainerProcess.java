package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.time.Duration;

/** The main process of a simulated container: scripted, or a real local process. */
interface ContainerProcess {

    /** Receives what the process does; called on the simulation loop. */
    interface Listener {
        void output(String line);

        void exited(int exitCode, boolean oomKilled);

        /** The process could not be started (the runtime reports StartError, exit code 128). */
        void failedToStart(String message);
    }

    void start();

    /** Asks the process to stop (SIGTERM); if it has not ended after {@code within}, it ends with {@code exitCode}. */
    void stop(Duration within, int exitCode);

    /** The pod is gone: drop everything without reporting. */
    void discard();
}
