package io.jenkins.plugins.mlpipeline.demo.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the Groovy code of one thread of a build is: the build, the abortable scope it runs in, its parallel branch
 * (the log prefix), the environment a stage added, and the workspace of an enclosing {@code node}.
 */
record Frame(BuildState build, CancelScope scope, String branch, Map<String, String> stageEnv,
             DirectoryWorkspace workspace) {

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    static Frame current() {
        Frame f = CURRENT.get();
        if (f == null) {
            throw new IllegalStateException("no Pipeline build runs on thread " + Thread.currentThread().getName());
        }
        return f;
    }

    static Frame currentOrNull() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this frame as the thread's current one, then puts the previous one back. */
    <T> T enter(ThrowingSupplier<T> body) throws Exception {
        Frame previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    Frame withScope(CancelScope s) {
        return new Frame(build, s, branch, stageEnv, workspace);
    }

    /** A parallel branch: Pipeline prefixes its lines with the innermost branch name. */
    Frame withBranch(String name) {
        return new Frame(build, scope, name, stageEnv, workspace);
    }

    Frame withEnv(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(stageEnv);
        merged.putAll(more);
        return new Frame(build, scope, branch, Map.copyOf(merged), workspace);
    }

    Frame withWorkspace(DirectoryWorkspace ws) {
        return new Frame(build, scope, branch, stageEnv, ws);
    }

    PrintStream logger() {
        return build.log().stream(branch);
    }

    void log(String line) {
        build.log().line(branch == null ? line : "[" + branch + "] " + line);
    }

    /** The environment a step sees: the build's, then the stage's on top, as {@code withEnv} layers it. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(build.envSnapshot());
        env.putAll(stageEnv);
        return env;
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
