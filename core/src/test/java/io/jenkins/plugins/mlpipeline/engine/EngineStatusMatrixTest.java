package io.jenkins.plugins.mlpipeline.engine;

import static io.jenkins.plugins.mlpipeline.engine.EngineHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** Every row of the DESIGN.md status matrix, end to end: engine -> emulated cluster -> verdict and build log. */
class EngineStatusMatrixTest {

    private EngineHarness h;
    private TrainingEngine engine;

    @BeforeEach
    void start() {
        h = EngineHarness.start();
        engine = h.engine();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void completeJobSucceedsWithLogsMetricsAndDigest() throws Exception {
        h.emu.script("trainer:1", ContainerScript.create()
                .log("loading data")
                .log("{\"epoch\": 1, \"loss\": 0.9}")
                .log("{\"epoch\": 2, \"loss\": 0.4, \"acc\": 0.81}")
                .log("done"));
        EngineHarness.Running run = h.run(engine, spec("trainer:1").build(), "folder/job#1/step-1");
        RunResult result = run.await();

        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(run.observer().containerLines()).containsExactly("loading data", "{\"epoch\": 1, \"loss\": 0.9}",
                "{\"epoch\": 2, \"loss\": 0.4, \"acc\": 0.81}", "done");
        assertThat(run.observer().headers()).isEqualTo(1);
        assertThat(result.metrics().latest()).containsEntry("loss", 0.4).containsEntry("acc", 0.81);
        assertThat(result.metrics().series().get("loss")).hasSize(2);
        assertThat(result.imageDigest()).contains("@sha256:");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.toMap()).containsEntry("status", "SUCCEEDED").containsKey("durationSeconds");
        // The outcome is recorded: our finalizer is gone so TTL/GC can remove the Job.
        await().atMost(Duration.ofSeconds(5)).until(() -> h.job(result.ref()) == null
                || !h.job(result.ref()).getMetadata().getFinalizers().contains(JobLabels.OUTCOME_FINALIZER));
    }

    @Test
    void nonZeroExitFailsAfterRetriesQuotingExitCodeAndLastLines() throws Exception {
        h.emu.script("trainer:2", attempt -> ContainerScript.create()
                .log("attempt " + attempt + " starting")
                .log("Traceback (most recent call last):")
                .log("ValueError: bad learning rate")
                .exit(3));
        RunResult result = h.run(engine, spec("trainer:2").retries(1).build(), "folder/job#2/step-1").await();

        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isEqualTo("Error");
        assertThat(result.verdict().message()).contains("exited with code 3", "BackoffLimitExceeded", "2 attempts",
                "Last ", "ValueError: bad learning rate");
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void retriedAttemptsEachGetAHeaderInOrder() throws Exception {
        h.emu.script("trainer:3", attempt -> attempt == 0
                ? ContainerScript.create().log("first try").exit(1)
                : ContainerScript.create().log("second try").exit(0));
        EngineHarness.Running run = h.run(engine, spec("trainer:3").retries(2).build(), "folder/job#3/step-1");
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        List<String> lines = run.observer().lines;
        assertThat(lines.stream().filter(l -> l.startsWith("[ml] attempt") || l.endsWith(" try")).toList())
                .hasSize(4)
                .satisfies(l -> {
                    assertThat(l.get(0)).startsWith("[ml] attempt 1");
                    assertThat(l.get(1)).isEqualTo("first try");
                    assertThat(l.get(2)).startsWith("[ml] attempt 2");
                    assertThat(l.get(3)).isEqualTo("second try");
                });
    }

    @Test
    void oomKilledNamesTheMemoryLimit() throws Exception {
        h.emu.script("trainer:oom", ContainerScript.create().log("allocating").oomKilled());
        RunResult result = h.run(engine, spec("trainer:oom").resource("memory", "2Gi").build(), "job#4/step-1").await();
        assertThat(result.verdict().reason()).isEqualTo("OOMKilled");
        assertThat(result.verdict().message()).contains("memory limit of 2Gi");
    }

    @Test
    void oomKilledFailsEvenWhenThePodReportsSuccess() throws Exception {
        h.emu.script("trainer:oom0", ContainerScript.create().log("child killed").oomKilledWithExitCode(0));
        RunResult result = h.run(engine, spec("trainer:oom0").resource("memory", "1Gi").build(), "job#5/step-1").await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isEqualTo("OOMKilled");
    }

    @Test
    void deadlineExceededNamesTheDeadline() throws Exception {
        h.emu.script("trainer:slow", ContainerScript.create().log("epoch 1").runForever());
        RunResult result = h.run(engine, spec("trainer:slow").deadline(Duration.ofSeconds(2)).build(), "job#6/step-1").await();
        assertThat(result.verdict().reason()).isEqualTo("DeadlineExceeded");
        assertThat(result.verdict().message()).contains("deadline of 2s", "activeDeadlineSeconds=2");
    }

    @Test
    void imagePullFailureFailsAfterTheGraceAndDeletesTheJob() throws Exception {
        h.emu.failPull("registry.example.com/trainer:missing", "ErrImagePull",
                "rpc error: code = NotFound desc = failed to pull and unpack image: not found");
        EngineHarness.Running run = h.run(engine, spec("registry.example.com/trainer:missing").build(), "job#7/step-1");
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().reason()).isIn("ErrImagePull", "ImagePullBackOff");
        assertThat(result.verdict().message()).contains("grace of 1s");
        assertThat(run.observer().lines).anyMatch(l -> l.startsWith("[ml] Deleted Job"));
        await().atMost(Duration.ofSeconds(10)).until(() -> h.job(result.ref()) == null);
    }

    @Test
    void invalidImageNameFailsAtOnce() throws Exception {
        // The spec validation refuses such names, so write the Job directly, as someone else's tooling might.
        var rendered = new io.jenkins.plugins.mlpipeline.render.JobRenderer()
                .render(spec("trainer:1").build(), EngineHarness.id("job#8/step-1"), EngineHarness.NS);
        rendered = new JobBuilder(rendered).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("Trainer:Latest").endContainer().endSpec().endTemplate().endSpec().build();
        var ref = new io.jenkins.plugins.mlpipeline.launch.JobLauncher(h.emu.client()).launch(rendered).ref();
        CollectingObserver observer = new CollectingObserver();
        engine.follow(ref, io.jenkins.plugins.mlpipeline.logs.LogPosition.START, observer);
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().reason()).isEqualTo("InvalidImageName");
        assertThat(result.verdict().deleteJob()).isTrue();
    }

    @Test
    void unschedulableFailsPastThePendingTimeoutQuotingTheScheduler() throws Exception {
        EngineHarness.Running run = h.run(engine, spec("trainer:1").resource("gpu", "4").build(), "job#9/step-1");
        RunResult result = run.await();
        assertThat(result.verdict().reason()).isEqualTo("Unschedulable");
        assertThat(result.verdict().message()).contains("0/1 nodes are available", "Insufficient nvidia.com/gpu");
        // The scheduler's Warning event reached the build log once.
        assertThat(run.observer().lines.stream().filter(l -> l.contains("Warning FailedScheduling")).count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> h.job(result.ref()) == null);
    }

    @Test
    void evictedPodIsRetriedAndCountsAgainstRetries() throws Exception {
        h.emu.script("trainer:evict", attempt -> attempt == 0
                ? ContainerScript.create().log("working").runForever()
                : ContainerScript.create().log("resumed").exit(0));
        EngineHarness.Running run = h.run(engine, spec("trainer:evict").retries(1).build(), "job#10/step-1");
        Pod first = awaitRunningPod(run);
        h.emu.evict(EngineHarness.NS, first.getMetadata().getName(), "The node was low on resource: memory. ");
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void evictionWithoutRetriesLeftFailsNamingIt() throws Exception {
        h.emu.script("trainer:evict2", ContainerScript.create().log("working").runForever());
        EngineHarness.Running run = h.run(engine, spec("trainer:evict2").build(), "job#11/step-1");
        Pod first = awaitRunningPod(run);
        h.emu.evict(EngineHarness.NS, first.getMetadata().getName(), "The node was low on resource: memory. ");
        RunResult result = run.await();
        assertThat(result.verdict().reason()).isEqualTo("Evicted");
        assertThat(result.verdict().message()).contains("low on resource: memory");
    }

    @Test
    void preemptedPodIsNamedAsPreempted() throws Exception {
        h.emu.script("trainer:preempt", ContainerScript.create().log("working").runForever());
        EngineHarness.Running run = h.run(engine, spec("trainer:preempt").build(), "job#12/step-1");
        Pod first = awaitRunningPod(run);
        h.emu.preempt(EngineHarness.NS, first.getMetadata().getName());
        RunResult result = run.await();
        assertThat(result.verdict().reason()).isEqualTo("Preempted");
    }

    @Test
    void jobDeletedBySomeoneElseIsCancelled() throws Exception {
        h.emu.script("trainer:long", ContainerScript.create().log("working").runForever());
        EngineHarness.Running run = h.run(engine, spec("trainer:long").build(), "job#13/step-1");
        awaitRunningPod(run);
        h.emu.client().batch().v1().jobs().inNamespace(EngineHarness.NS).withName(run.ref().name()).delete();
        // Our finalizer keeps the Job visible with a deletionTimestamp: that is already a cancellation.
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.CANCELLED);
        assertThat(result.verdict().reason()).isEqualTo("JobDeleted");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.job(run.ref()) == null);
    }

    @Test
    void jobSuspendedBySomeoneElseIsCancelled() throws Exception {
        h.emu.script("trainer:long2", ContainerScript.create().log("working").runForever());
        EngineHarness.Running run = h.run(engine, spec("trainer:long2").build(), "job#14/step-1");
        awaitRunningPod(run);
        h.emu.client().batch().v1().jobs().inNamespace(EngineHarness.NS).withName(run.ref().name())
                .edit(j -> new JobBuilder(j).editSpec().withSuspend(true).endSpec().build());
        RunResult result = run.await();
        assertThat(result.verdict().reason()).isEqualTo("JobSuspended");
    }

    @Test
    void abortByJenkinsDeletesJobAndPods() throws Exception {
        h.emu.script("trainer:long3", ContainerScript.create().log("working").runForever());
        EngineHarness.Running run = h.run(engine, spec("trainer:long3").build(), "job#15/step-1");
        awaitRunningPod(run);
        run.follow().markCancelledByJenkins();
        var cancel = engine.cancel(run.ref());
        assertThat(cancel.jobFound()).isTrue();
        assertThat(cancel.podsRemaining()).isZero();
        assertThat(h.job(run.ref())).isNull();
        assertThat(h.emu.pods(EngineHarness.NS, run.ref().name())).isEmpty();
        RunResult result = run.await();
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.CANCELLED);
        assertThat(result.verdict().reason()).isEqualTo("Aborted");
        assertThat(engine.cancel(run.ref()).jobFound()).as("cancel is idempotent").isFalse();
    }

    @Test
    void retriedLaunchAdoptsTheExistingJob() {
        h.emu.script("trainer:long4", ContainerScript.create().runForever());
        var first = engine.launch(spec("trainer:long4").build(), EngineHarness.id("job#16/step-1"), EngineHarness.NS);
        var second = engine.launch(spec("trainer:long4").build(), EngineHarness.id("job#16/step-1"), EngineHarness.NS);
        assertThat(second.adopted()).isTrue();
        assertThat(second.ref()).isEqualTo(first.ref());
        assertThat(h.jobCount()).isEqualTo(1);
    }

    private Pod awaitRunningPod(EngineHarness.Running run) {
        await().atMost(Duration.ofSeconds(15)).until(() -> run.follow().lastVerdict().phase() == RunPhase.RUNNING);
        List<Pod> pods = h.emu.pods(EngineHarness.NS, run.ref().name());
        return pods.get(pods.size() - 1);
    }
}
