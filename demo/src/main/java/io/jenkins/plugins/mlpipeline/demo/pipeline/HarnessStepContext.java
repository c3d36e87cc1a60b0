package io.jenkins.plugins.mlpipeline.demo.pipeline;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.models.Workspace;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What Pipeline hands one step: the build, a listener writing to the build log (with the parallel branch prefix),
 * the step's environment and, inside {@code node}, a workspace. The outcome the step reports completes
 * {@link #outcome()}. Never serialized: the harness plays no controller restart.
 */
final class HarnessStepContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final transient HarnessRun run;
    private final transient TaskListener listener;
    private final transient EnvVars env;
    private final transient Workspace workspace;
    private final transient BuildState build;
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    HarnessStepContext(BuildState build, PrintStream logger, Map<String, String> env, Workspace workspace) {
        this.build = build;
        this.run = build.run();
        this.listener = () -> logger;
        this.env = new EnvVars();
        this.env.putAll(env);
        this.workspace = workspace;
    }

    CompletableFuture<Object> outcome() {
        return outcome;
    }

    /** The workspace of the enclosing {@code node}, or null outside one. */
    Workspace workspace() {
        return workspace;
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key == Run.class || key == HarnessRun.class) {
            return key.cast(run);
        }
        if (key == TaskListener.class) {
            return key.cast(listener);
        }
        if (key == EnvVars.class) {
            return key.cast(env);
        }
        return null;
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return outcome.isDone();
    }

    @Override
    public ListenableFuture<Void> saveState() {
        return Futures.immediateFuture(null);
    }

    /** As in Pipeline: a step may only make the build's result worse. */
    @Override
    public void setResult(Result r) {
        build.worsen(r);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
