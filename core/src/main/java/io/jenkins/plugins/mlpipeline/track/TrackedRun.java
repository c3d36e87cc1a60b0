package io.jenkins.plugins.mlpipeline.track;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import io.jenkins.plugins.mlpipeline.status.WaitingClocks;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Per-run state of the tracker. Touched only on the tracker's dispatch thread, except the volatile flags. */
final class TrackedRun implements RunSubscription {

    private static final int MAX_REPORTED_EVENTS = 1_000;

    final RunListener listener;
    final WaitingClocks clocks = new WaitingClocks();
    private final RunTracker tracker;
    RunRef ref;
    /** The Job as last observed; kept after deletion so its final state can still be classified. */
    Job lastJob;
    /** Set when the Job is known to be gone: from a delete event, a resync or a 404. */
    boolean gone;
    boolean lookupInFlight;
    /** A Job without our managed-by label: polled rather than watched. */
    boolean foreign;
    List<Pod> foreignPods = List.of();
    boolean pollInFlight;
    Instant lastPoll = Instant.EPOCH;
    boolean finished;
    RunVerdict lastVerdict;
    String lastFingerprint;
    private final Set<String> reportedEvents = new LinkedHashSet<>();
    volatile boolean closed;
    volatile boolean cancelledByJenkins;

    TrackedRun(RunTracker tracker, RunRef ref, RunListener listener) {
        this.tracker = tracker;
        this.ref = ref;
        this.listener = listener;
    }

    /** True the first time an event uid is seen; the memory of reported events is bounded. */
    boolean firstReport(String eventUid) {
        if (!reportedEvents.add(eventUid)) {
            return false;
        }
        if (reportedEvents.size() > MAX_REPORTED_EVENTS) {
            reportedEvents.remove(reportedEvents.iterator().next());
        }
        return true;
    }

    @Override
    public RunRef ref() {
        return ref;
    }

    @Override
    public void markCancelledByJenkins() {
        cancelledByJenkins = true;
    }

    @Override
    public void close() {
        closed = true;
        tracker.untrack(this);
    }
}
