package io.jenkins.plugins.mlpipeline.steps;

import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.Objects;
import java.util.function.Consumer;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The Jenkins authentication a step's background work runs as. Jenkins keeps the authentication per thread, and the
 * threads of {@link StepServices#blocking()} and of the engine carry none, so Jenkins would see them as anonymous:
 * builds of jobs anonymous may not read would not be found and permission checks would fail. Each execution captures
 * the build's authentication where it has it and wraps every task it hands to another thread.
 *
 * <p>Never persisted with an execution: a user's authentication does not belong in the build's program state, and
 * after a restart the build's is not known to the step (see {@link #afterRestart()}).
 */
public final class BuildAuth {

    private final Authentication authentication;

    private BuildAuth(Authentication authentication) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    /**
     * The calling thread's authentication. Called from a step's {@code start()}, which runs on the Pipeline thread,
     * this is the build's: workflow-cps runs that thread as the execution's authentication
     * ({@code CpsVmExecutorService.setUp}), which is SYSTEM unless an authorization strategy such as Authorize
     * Project says otherwise.
     */
    public static BuildAuth ofPipelineThread() {
        return new BuildAuth(Jenkins.getAuthentication2());
    }

    /**
     * What a resumed execution runs as: SYSTEM. Pipeline calls {@code onResume()} from a task on Jenkins' shared
     * {@code Timer} pool (workflow-api's {@code FlowExecutionList.ParallelResumer}), whose threads run as SYSTEM, so
     * the build's own authentication is not at hand there. This is enough for what a resumed step does: it follows
     * the Kubernetes Job it already launched and archives into its own build; it never looks up other jobs' builds.
     */
    public static BuildAuth afterRestart() {
        return new BuildAuth(ACL.SYSTEM2);
    }

    /** {@code captured}, or {@link #afterRestart()} when the execution was restored from disk and has none. */
    public static BuildAuth orAfterRestart(BuildAuth captured) {
        return captured != null ? captured : afterRestart();
    }

    public Authentication authentication() {
        return authentication;
    }

    /** {@code task}, run as this authentication on whichever thread runs it; the thread's own is put back after. */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try (ACLContext ignored = ACL.as2(authentication)) {
                task.run();
            }
        };
    }

    /** {@code callback}, called as this authentication on whichever thread calls it. */
    public <T> Consumer<T> wrap(Consumer<T> callback) {
        Objects.requireNonNull(callback, "callback");
        return value -> {
            try (ACLContext ignored = ACL.as2(authentication)) {
                callback.accept(value);
            }
        };
    }

    @Override
    public String toString() {
        return "BuildAuth[" + authentication.getName() + "]";
    }
}
