package io.jenkins.plugins.mlpipeline.track;

import io.jenkins.plugins.mlpipeline.status.RunPhase;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records what a tracker tells one run, for assertions. */
final class RecordingListener implements RunListener {

    final List<RunSnapshot> changes = new CopyOnWriteArrayList<>();
    final List<WarningEvent> warnings = new CopyOnWriteArrayList<>();
    final List<RunSnapshot> finished = new CopyOnWriteArrayList<>();
    final CompletableFuture<RunSnapshot> done = new CompletableFuture<>();

    @Override
    public void onChange(RunSnapshot snapshot) {
        changes.add(snapshot);
    }

    @Override
    public void onWarning(WarningEvent event) {
        warnings.add(event);
    }

    @Override
    public void onFinished(RunSnapshot snapshot) {
        finished.add(snapshot);
        done.complete(snapshot);
    }

    RunSnapshot awaitFinished(Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean sawPhase(RunPhase phase) {
        return changes.stream().anyMatch(s -> s.verdict().phase() == phase);
    }
}
