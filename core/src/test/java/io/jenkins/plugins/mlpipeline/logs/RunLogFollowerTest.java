package io.jenkins.plugins.mlpipeline.logs;

import static io.jenkins.plugins.mlpipeline.logs.TestPods.failedWithoutStart;
import static io.jenkins.plugins.mlpipeline.logs.TestPods.running;
import static io.jenkins.plugins.mlpipeline.logs.TestPods.terminated;
import static io.jenkins.plugins.mlpipeline.logs.TestPods.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunLogFollowerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:01:00Z");
    private static final LogFollowSettings FAST =
            new LogFollowSettings(64 * 1024, Duration.ofMillis(5), Duration.ofMillis(40), 50, 3);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakePodLogSource source = new FakePodLogSource();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger tasksStarted = new AtomicInteger();
    private final AtomicInteger tasksFinished = new AtomicInteger();
    private final List<RunLogFollower> followers = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        followers.forEach(RunLogFollower::close);
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Sink recording every line; can be told to throw for one text. */
    static final class RecordingSink implements LogSink {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private volatile String throwFor;

        @Override
        public void line(String text) {
            if (text.equals(throwFor)) {
                throw new IllegalStateException("sink broke on " + text);
            }
            lines.add(text);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }

    private RunLogFollower follower(LogPosition start, LogSink sink, LogFollowSettings settings) {
        RunLogFollower follower = new RunLogFollower(source, "ns", "main", start, sink, task -> {
            tasksStarted.incrementAndGet();
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    tasksFinished.incrementAndGet();
                }
            });
        }, settings);
        followers.add(follower);
        return follower;
    }

    private RunLogFollower follower(RecordingSink sink) {
        return follower(LogPosition.START, sink, FAST);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private void awaitWorkerIdle() {
        await().atMost(WAIT).until(() -> tasksStarted.get() > 0 && tasksFinished.get() == tasksStarted.get());
    }

    @Test
    void followsRunningPodWithOneHeaderAndDrainsWhenItTerminates() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "one");
        source.append("train-a", at(200), "two");

        follower.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> sink.lines().contains("two"));
        source.append("train-a", at(1_300), "three");
        source.finish("train-a");
        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "one", "two", "three");
        LogPosition position = follower.position();
        assertThat(position.podName()).isEqualTo("train-a");
        assertThat(position.drained()).isTrue();
        assertThat(position.lineTime()).isEqualTo(at(1_300));
        assertThat(position.linesAtLineTime()).isEqualTo(1);
        assertThat(source.opensOf("train-a").get(0).follow()).isTrue();
        assertThat(source.opensOf("train-a").get(0).sinceTime()).isNull();
    }

    @Test
    void droppedStreamWithLinesSharingOneSecondResumesWithoutDuplicatesOrLoss() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "a");
        source.append("train-a", at(200), "b");
        source.append("train-a", at(200), "c");
        source.append("train-a", at(200), "d");
        source.append("train-a", at(300), "e");
        source.append("train-a", at(1_000), "f");
        source.finish("train-a");
        source.dropNextStreamAfter("train-a", 3);

        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 1)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1",
                "a", "b", "c", "d", "e", "f");
        List<FakePodLogSource.Open> opens = source.opensOf("train-a");
        assertThat(opens).hasSize(2);
        // The API resumes by whole seconds only: the reopen asks for the second of the last delivered line.
        assertThat(opens.get(1).sinceTime()).isEqualTo(T0);
        assertThat(opens.get(1).follow()).isFalse();
    }

    @Test
    void repeatedDropsInsideOneTimestampStillDeliverEveryLineOnce() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        for (int i = 1; i <= 6; i++) {
            source.append("train-a", at(500), "same-" + i);
        }
        source.dropNextStreamAfter("train-a", 2);
        source.dropNextStreamAfter("train-a", 4);

        follower.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> sink.lines().contains("same-6"));
        source.finish("train-a");
        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1",
                "same-1", "same-2", "same-3", "same-4", "same-5", "same-6");
        assertThat(follower.position().linesAtLineTime()).isEqualTo(6);
        assertThat(source.opensOf("train-a").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void lineCutByTheEndOfALiveStreamIsDeliveredWholeAfterReopening() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "a");
        source.append("train-a", at(200), "a line that the connection cut in the middle");
        source.append("train-a", at(300), "c");
        source.endNextStreamMidLineAfter("train-a", 1);

        follower.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> sink.lines().contains("c"));
        source.finish("train-a");
        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1",
                "a", "a line that the connection cut in the middle", "c");
    }

    @Test
    void newFollowerResumesFromDeserializedPositionWithoutRepeatingLinesOrHeader() throws Exception {
        RecordingSink before = new RecordingSink();
        RunLogFollower first = follower(before);
        source.append("train-a", at(100), "a");
        source.append("train-a", at(400), "b");
        first.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> before.lines().contains("b"));
        first.close();
        LogPosition persisted = roundTrip(first.position());
        assertThat(persisted).isEqualTo(first.position());

        // While the controller is down the container prints more, in the same second as "b".
        source.append("train-a", at(400), "c");
        source.append("train-a", at(900), "d");
        source.append("train-a", at(2_000), "e");
        source.finish("train-a");

        RecordingSink after = new RecordingSink();
        RunLogFollower second = follower(persisted, after, FAST);
        second.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(second.awaitDrained(WAIT)).isTrue();
        assertThat(before.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "a", "b");
        assertThat(after.lines()).containsExactly("c", "d", "e");
        FakePodLogSource.Open resumed = source.opens().get(source.opens().size() - 1);
        assertThat(resumed.sinceTime()).isEqualTo(T0);
    }

    @Test
    void followsTwoAttemptsInCreationOrderWithOneHeaderEach() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-x7k2p", at(100), "first try");
        source.append("train-x7k2p", at(150), "crash");
        source.finish("train-x7k2p");
        source.append("train-b9q4z", at(40_000), "second try");

        // Given newest first: the follower must sort by creation time.
        follower.onPodsChanged(List.of(running("train-b9q4z", 30, "node-2"),
                terminated("train-x7k2p", 0, "node-1", 1)));
        await().atMost(WAIT).until(() -> sink.lines().contains("second try"));
        source.finish("train-b9q4z");
        follower.onPodsChanged(List.of(terminated("train-b9q4z", 30, "node-2", 0),
                terminated("train-x7k2p", 0, "node-1", 1)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly(
                "[ml] attempt 1: pod train-x7k2p on node node-1", "first try", "crash",
                "[ml] attempt 2: pod train-b9q4z on node node-2", "second try");
        assertThat(source.opens().get(0).pod()).isEqualTo("train-x7k2p");
    }

    @Test
    void podWhoseContainerHasNotStartedIsNotOpenedUntilItRuns() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "hello");

        follower.onPodsChanged(List.of(waiting("train-a", 0, "node-1")));
        awaitWorkerIdle();
        assertThat(source.opens()).isEmpty();
        assertThat(sink.lines()).isEmpty();
        assertThat(follower.awaitDrained(Duration.ZERO)).as("nothing terminated yet").isTrue();

        follower.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> sink.lines().contains("hello"));
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "hello");
    }

    @Test
    void attemptThatNeverStartedIsSkippedOnceALaterAttemptExists() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-b", at(30_000), "retry output");
        source.finish("train-b");

        follower.onPodsChanged(List.of(failedWithoutStart("train-a", 0), terminated("train-b", 20, "node-2", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 2: pod train-b on node node-2", "retry output");
        assertThat(source.opensOf("train-a")).isEmpty();
    }

    @Test
    void podDeletedWhileFollowingEndsItsFollowWithOneNoticeAndBoundedRetries() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "a1");
        follower.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> sink.lines().contains("a1"));

        // Deleted; the tracker has not reported it yet, so the pod still looks running.
        source.delete("train-a");
        await().atMost(WAIT).until(() -> follower.position().drained());

        List<String> notices = sink.lines().stream().filter(l -> l.startsWith("[ml] log of pod")).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).startsWith("[ml] log of pod train-a unavailable: ").contains("404");
        // The first open plus FAST.maxPermanentFailures() refused reopens, then no more.
        assertThat(source.opensOf("train-a")).hasSize(1 + FAST.maxPermanentFailures());

        source.append("train-b", at(60_000), "b1");
        follower.onPodsChanged(List.of(running("train-a", 0, "node-1"), running("train-b", 50, "node-2")));
        await().atMost(WAIT).until(() -> sink.lines().contains("b1"));
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "a1",
                notices.get(0), "[ml] attempt 2: pod train-b on node node-2", "b1");
        assertThat(source.opensOf("train-a")).hasSize(1 + FAST.maxPermanentFailures());
    }

    @Test
    void closeWhileFollowingClosesTheStreamAndStopsTheWorker() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "a1");
        follower.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        await().atMost(WAIT).until(() -> sink.lines().contains("a1"));

        follower.close();

        awaitWorkerIdle();
        assertThat(source.allStreamsClosed()).isTrue();
        source.append("train-a", at(200), "after close");
        source.finish("train-a");
        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));
        assertThat(tasksStarted.get()).as("no worker after close").isEqualTo(tasksFinished.get());
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "a1");
        assertThat(follower.drained()).as("can no longer drain").isCancelled();
        assertThat(follower.awaitDrained(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void transientOpenFailuresAreRetriedWithoutLosingLines() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "a1");
        source.append("train-a", at(200), "a2");
        source.finish("train-a");
        source.failNextOpen("train-a", new PodLogException("HTTP 500: etcd timeout", 500, null));
        source.failNextOpen("train-a", new IOException("connection refused"));

        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "a1", "a2");
        assertThat(source.opensOf("train-a")).hasSize(3);
    }

    @Test
    void awaitDrainedIsFalseWhileATerminatedPodCannotBeRead() {
        RecordingSink sink = new RecordingSink();
        PodLogSource unreachable = (ns, pod, container, since, follow) -> {
            throw new IOException("connection refused");
        };
        RunLogFollower follower = new RunLogFollower(unreachable, "ns", "main", LogPosition.START, sink, pool, FAST);
        followers.add(follower);

        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 1)));

        assertThat(follower.awaitDrained(Duration.ofMillis(200))).isFalse();
        assertThat(follower.drained()).isNotDone();
        assertThat(sink.lines()).isEmpty();
    }

    @Test
    void finalLineWithoutNewlineAndLinesWithoutTimestampAreDelivered() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "a1");
        source.appendRaw("train-a", "no timestamp on this one\n");
        source.appendRaw("train-a", FakePodLogSource.KUBELET_TIME.format(at(300)) + " last words");
        source.finish("train-a");

        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "a1",
                "no timestamp on this one", "last words");
    }

    @Test
    void tailKeepsOnlyTheLastContainerLines() {
        RecordingSink sink = new RecordingSink();
        LogFollowSettings smallTail =
                new LogFollowSettings(64 * 1024, Duration.ofMillis(5), Duration.ofMillis(40), 3, 3);
        RunLogFollower follower = follower(LogPosition.START, sink, smallTail);
        for (int i = 1; i <= 10; i++) {
            source.append("train-a", at(i * 10L), "line " + i);
        }
        source.finish("train-a");

        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 1)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(follower.tail()).containsExactly("line 8", "line 9", "line 10");
    }

    @Test
    void failingSinkDoesNotStopTheFollower() {
        RecordingSink sink = new RecordingSink();
        sink.throwFor = "boom";
        RunLogFollower follower = follower(sink);
        source.append("train-a", at(100), "before");
        source.append("train-a", at(200), "boom");
        source.append("train-a", at(300), "after");
        source.finish("train-a");

        follower.onPodsChanged(List.of(terminated("train-a", 0, "node-1", 0)));

        assertThat(follower.awaitDrained(WAIT)).isTrue();
        assertThat(sink.lines()).containsExactly("[ml] attempt 1: pod train-a on node node-1", "before", "after");
    }

    @Test
    void podChangesNeverThrowToTheCaller() {
        RecordingSink sink = new RecordingSink();
        RunLogFollower rejecting = new RunLogFollower(source, "ns", "main", LogPosition.START, sink, task -> {
            throw new RejectedExecutionException("shut down");
        }, FAST);
        followers.add(rejecting);
        Pod nameless = new PodBuilder().withNewStatus().withPhase("Running").endStatus().build();

        assertThatCode(() -> {
            rejecting.onPodsChanged(null);
            rejecting.onPodsChanged(Arrays.asList(null, nameless, new Pod()));
            rejecting.onPodsChanged(List.of(running("train-a", 0, "node-1")));
        }).doesNotThrowAnyException();
        assertThat(rejecting.position()).isEqualTo(LogPosition.START);
        assertThat(sink.lines()).isEmpty();
    }

    private static LogPosition roundTrip(LogPosition position) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(position);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (LogPosition) in.readObject();
        }
    }
}
