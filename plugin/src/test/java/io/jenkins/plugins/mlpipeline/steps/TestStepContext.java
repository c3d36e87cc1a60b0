package io.jenkins.plugins.mlpipeline.steps;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A StepContext like Pipeline's: gives the step a Run and a TaskListener and records the outcome. Serializable by
 * key, as the real one is, so an execution can be serialized and restored with its context (the build's state
 * lives in a static registry, standing in for the Jenkins that outlives a program.dat round trip).
 */
final class TestStepContext extends org.jenkinsci.plugins.workflow.steps.StepContext {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Build> BUILDS = new ConcurrentHashMap<>();

    private final String key;

    TestStepContext(Build build) {
        this.key = build.key;
        BUILDS.put(key, build);
    }

    Build build() {
        return BUILDS.get(key);
    }

    @Override
    public <T> T get(Class<T> type) {
        if (type == Run.class) {
            return type.cast(build().run);
        }
        if (type == TaskListener.class) {
            return type.cast(build().listener);
        }
        if (type == EnvVars.class) {
            return type.cast(build().env);
        }
        return null;
    }

    @Override
    public void onSuccess(Object result) {
        if (!build().outcome.complete(result)) {
            build().extraCompletions.incrementAndGet();
        }
    }

    @Override
    public void onFailure(Throwable t) {
        if (!build().outcome.completeExceptionally(t)) {
            build().extraCompletions.incrementAndGet();
        }
    }

    @Override
    public boolean isReady() {
        return build().outcome.isDone();
    }

    @Override
    public ListenableFuture<Void> saveState() {
        build().saves.incrementAndGet();
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
        build().results.add(r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestStepContext && ((TestStepContext) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** One build: its Run, its log and what its step reported. */
    static final class Build {
        final String key;
        final Run<?, ?> run;
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final TaskListener listener;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        final AtomicInteger extraCompletions = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();
        /** The step's environment, as Pipeline hands it out (env.X of the Jenkinsfile). */
        final EnvVars env = new EnvVars();
        final List<Result> results = new CopyOnWriteArrayList<>();

        Build(String key, Run<?, ?> run) {
            this.key = key;
            this.run = run;
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            this.listener = () -> out;
        }

        /** Another step of the same build (same Run), with its own log and outcome. */
        Build again() {
            return new Build(key + "+", run);
        }

        String log() {
            synchronized (log) {
                return log.toString(StandardCharsets.UTF_8);
            }
        }

        List<String> lines() {
            return List.of(log().split("\n"));
        }

        Object awaitResult(Duration timeout) throws Exception {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        Throwable awaitFailure(Duration timeout) throws Exception {
            try {
                Object result = awaitResult(timeout);
                throw new AssertionError("expected a failure, got " + result + "\nlog:\n" + log());
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
        }
    }
}
