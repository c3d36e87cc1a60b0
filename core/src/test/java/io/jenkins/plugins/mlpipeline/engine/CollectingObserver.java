package io.jenkins.plugins.mlpipeline.engine;

import io.jenkins.plugins.mlpipeline.status.RunVerdict;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Collects what a followed run tells its observer, like a build log would. */
final class CollectingObserver implements RunObserver {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<RunVerdict> statuses = new CopyOnWriteArrayList<>();
    final CompletableFuture<RunResult> result = new CompletableFuture<>();

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public void status(RunVerdict verdict) {
        statuses.add(verdict);
    }

    @Override
    public void finished(RunResult r) {
        if (!result.complete(r)) {
            throw new AssertionError("finished twice");
        }
    }

    RunResult await(Duration timeout) throws Exception {
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<String> containerLines() {
        return lines.stream().filter(l -> !l.startsWith("[ml]")).toList();
    }

    long headers() {
        return lines.stream().filter(l -> l.startsWith("[ml] attempt")).count();
    }
}
