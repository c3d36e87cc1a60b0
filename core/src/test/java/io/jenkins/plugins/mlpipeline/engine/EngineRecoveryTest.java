package io.jenkins.plugins.mlpipeline.engine;

import static io.jenkins.plugins.mlpipeline.engine.EngineHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.metrics.MetricPoint;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Faults of the API server and of the controller: disconnects, 410, 401, 5xx, restarts, garbage collection. */
class EngineRecoveryTest {

    private EngineHarness h;

    @BeforeEach
    void start() {
        h = EngineHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A container printing {@code count} numbered lines, many within the same second. */
    private static ContainerScript numbered(int count, Duration every) {
        ContainerScript script = ContainerScript.create();
        for (int i = 1; i <= count; i++) {
            script = script.log(every, line(i));
        }
        return script.exit(0);
    }

    /** Every line is also a metrics event, so metrics continuity is checked with the lines. */
    private static String line(int i) {
        return "{\"line\": " + i + "}";
    }

    private static List<String> expected(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(EngineRecoveryTest::line).collect(Collectors.toList());
    }

    @Test
    void droppedLogStreamsLoseAndRepeatNothing() throws Exception {
        h.emu.script("trainer:lines", numbered(300, Duration.ofMillis(10)));
        TrainingEngine engine = h.engine();
        EngineHarness.Running run = h.run(engine, spec("trainer:lines").build(), "job#20/step-1");
        for (int i = 0; i < 4; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !run.observer().containerLines().isEmpty());
            Thread.sleep(400);
            h.emu.faults().dropLogStreams();
        }
        assertThat(run.await().verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(run.observer().containerLines()).containsExactlyElementsOf(expected(300));
        assertThat(run.observer().headers()).isEqualTo(1);
    }

    @Test
    void controllerRestartResumesWithoutDuplicateJobOrLogLines() throws Exception {
        h.emu.script("trainer:restart", numbered(200, Duration.ofMillis(15)));
        TrainingEngine before = h.engine();
        EngineHarness.Running run = h.run(before, spec("trainer:restart").build(), "job#21/step-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> run.observer().containerLines().size() >= 50);

        // The controller goes down: the step's persisted state is the RunRef and the LogPosition, consistent with
        // the lines the build log received.
        RunRef ref = run.follow().ref();
        before.close();
        byte[] saved = serialize(run.follow().position());
        byte[] savedMetrics = serialize(run.follow().metrics());
        List<String> beforeLines = new ArrayList<>(run.observer().containerLines());
        assertThat(beforeLines.size()).isLessThan(200);

        TrainingEngine after = h.engine();
        // The resumed step re-launches idempotently (same identity) and follows from the saved position.
        var relaunch = after.launch(spec("trainer:restart").build(), EngineHarness.id("job#21/step-1"), EngineHarness.NS);
        assertThat(relaunch.adopted()).isTrue();
        assertThat(relaunch.ref()).isEqualTo(ref);
        CollectingObserver resumed = new CollectingObserver();
        after.follow(ref, (LogPosition) deserialize(saved), (MetricsSnapshot) deserialize(savedMetrics), resumed);
        RunResult result = resumed.await(Duration.ofSeconds(30));

        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        List<String> all = new ArrayList<>(beforeLines);
        all.addAll(resumed.containerLines());
        assertThat(all).containsExactlyElementsOf(expected(200));
        assertThat(resumed.headers()).as("no second header for the same attempt").isZero();
        assertThat(result.metrics().latest()).containsEntry("line", 200.0);
        assertThat(result.metrics().series().get("line")).as("points from before the restart are kept")
                .extracting(MetricPoint::step).startsWith(0L, 1L, 2L).endsWith(199L);
        assertThat(h.jobCount()).isEqualTo(1);
    }

    @Test
    void finishedJobRemovedByTtlWhileControllerWasDownKeepsItsResult() throws Exception {
        h.emu.script("trainer:ttl", ContainerScript.create().log("done").exit(0));
        TrainingEngine first = h.engine();
        var launched = first.launch(spec("trainer:ttl").ttlAfterFinished(Duration.ZERO).build(),
                EngineHarness.id("job#22/step-1"), EngineHarness.NS);
        first.close(); // controller down before it saw anything

        // TTL deletes the finished Job with foreground propagation; our finalizer keeps it readable.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var job = h.job(launched.ref());
            return job != null && job.getMetadata().getDeletionTimestamp() != null;
        });
        CollectingObserver observer = new CollectingObserver();
        h.engine().follow(launched.ref(), LogPosition.START, observer);
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        // Recording the outcome released the finalizer: the Job can go now.
        await().atMost(Duration.ofSeconds(10)).until(() -> h.job(launched.ref()) == null);
    }

    @Test
    void watchExpiry410IsCaughtUp() throws Exception {
        h.emu.script("trainer:410", ContainerScript.create().log("a").sleep(Duration.ofMillis(800)).log("b").exit(0));
        TrainingEngine engine = h.engine();
        EngineHarness.Running run = h.run(engine, spec("trainer:410").build(), "job#23/step-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> run.observer().containerLines().contains("a"));
        h.emu.faults().expireWatches();
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(run.observer().containerLines()).containsExactly("a", "b");
    }

    @Test
    void deletionDuringAWatchGapIsNoticed() throws Exception {
        h.emu.script("trainer:gap", ContainerScript.create().log("working").runForever());
        TrainingEngine engine = h.engine();
        EngineHarness.Running run = h.run(engine, spec("trainer:gap").build(), "job#24/step-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> run.follow().lastVerdict().phase() == RunPhase.RUNNING);
        h.emu.faults().blockWatches(true);
        h.emu.faults().dropWatches();
        var jobs = h.emu.client().batch().v1().jobs().inNamespace(EngineHarness.NS).withName(run.ref().name());
        jobs.withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        jobs.edit(j -> { j.getMetadata().getFinalizers().remove(JobLabels.OUTCOME_FINALIZER); return j; });
        await().atMost(Duration.ofSeconds(10)).until(() -> h.job(run.ref()) == null);
        h.emu.faults().blockWatches(false);
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.CANCELLED);
        assertThat(result.verdict().reason()).isEqualTo("JobDeleted");
    }

    @Test
    void serverErrorsForAWhileAreWaitedOut() throws Exception {
        h.emu.script("trainer:5xx", ContainerScript.create().log("a").sleep(Duration.ofSeconds(2)).log("b").exit(0));
        TrainingEngine engine = h.engine();
        EngineHarness.Running run = h.run(engine, spec("trainer:5xx").build(), "job#25/step-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> run.observer().containerLines().contains("a"));
        h.emu.faults().serverErrors(Duration.ofMillis(1500));
        h.emu.faults().dropWatches();
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(run.observer().containerLines()).containsExactly("a", "b");
    }

    @Test
    void apiUnreachablePastTheLimitFailsSayingWhy() throws Exception {
        h.emu.script("trainer:down", ContainerScript.create().log("a").runForever());
        EngineSettings settings = EngineHarness.fastSettings();
        settings = settings.withTracker(settings.tracker().withApiUnavailableLimit(Duration.ofSeconds(2)));
        // A client that gives up after one retry, so the outage is noticed within the test's time.
        KubernetesClient impatient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(h.emu.config())
                .withRequestRetryBackoffLimit(1).build()).build();
        h.closeLater(impatient);
        TrainingEngine engine = h.engine(settings, () -> impatient);
        EngineHarness.Running run = h.run(engine, spec("trainer:down").build(), "job#26/step-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> run.follow().lastVerdict().phase() == RunPhase.RUNNING);
        h.emu.faults().serverErrors(Duration.ofSeconds(60));
        h.emu.faults().dropWatches();
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isEqualTo("KubernetesUnavailable");
        assertThat(result.verdict().message()).contains("unreachable", "limit 2s");
    }

    @Test
    void expiredCredentialsMakeTheEngineAskForANewClient() throws Exception {
        h.emu.script("trainer:401", ContainerScript.create().log("a").sleep(Duration.ofSeconds(1)).log("b").exit(0));
        AtomicBoolean rotated = new AtomicBoolean();
        KubernetesClient oldClient = h.emu.newClient("token-old");
        KubernetesClient newClient = h.emu.newClient("token-new");
        h.closeLater(oldClient);
        h.closeLater(newClient);
        TrainingEngine engine = h.engine(EngineHarness.fastSettings(), () -> {
            return rotated.get() ? newClient : oldClient;
        });
        EngineHarness.Running run = h.run(engine, spec("trainer:401").build(), "job#27/step-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> run.observer().containerLines().contains("a"));
        h.emu.faults().rejectToken("token-old");
        rotated.set(true); // the cloud now hands out fresh credentials
        h.emu.faults().dropWatches();
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        // Every request with the old token is refused: finishing at all proves the informers moved to the new client.
        assertThat(run.observer().containerLines()).containsExactly("a", "b");
    }

    @Test
    void slowApiResponsesDelayButDoNotBreakTracking() throws Exception {
        h.emu.script("trainer:slowapi", ContainerScript.create().log("a").sleep(Duration.ofMillis(500)).log("b").exit(0));
        TrainingEngine engine = h.engine();
        h.emu.faults().slow(Duration.ofMillis(300), Duration.ofSeconds(3));
        EngineHarness.Running run = h.run(engine, spec("trainer:slowapi").build(), "job#28/step-1");
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(run.observer().containerLines()).containsExactly("a", "b");
    }

    @Test
    void aTenMegabyteLineArrivesCappedAndTheRunGoesOn() throws Exception {
        String huge = "x".repeat(10 * 1024 * 1024);
        h.emu.script("trainer:huge", ContainerScript.create().log("before").log(huge).log("after").exit(0));
        TrainingEngine engine = h.engine();
        EngineHarness.Running run = h.run(engine, spec("trainer:huge").build(), "job#29/step-1");
        assertThat(run.await().verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        List<String> lines = run.observer().containerLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("before");
        assertThat(lines.get(1).length()).isLessThan(70 * 1024);
        assertThat(lines.get(1)).startsWith("xxxx").contains("truncated");
        assertThat(lines.get(2)).isEqualTo("after");
    }

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] data) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return in.readObject();
        }
    }
}
