package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.AbortException;
import hudson.model.Result;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.render.JobRenderer;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mlSensor against Jobs in the emulated cluster, including ones no mlTrain created. */
class MlSensorStepExecutionTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private StepHarness h;

    @BeforeEach
    void start() {
        h = new StepHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A Job created by other tooling, named {@code name}. */
    private String createJob(String image, String name) {
        Job job = new JobRenderer().render(TrainingSpec.builder().name(name).image(image).build(),
                RunIdentity.of("other-tool/" + name), StepHarness.NS);
        return h.emu.client().batch().v1().jobs().inNamespace(StepHarness.NS).resource(job).create().getMetadata()
                .getName();
    }

    private StepExecution sense(MlSensorStep sensor, TestStepContext.Build build) throws Exception {
        StepExecution execution = sensor.start(new TestStepContext(build));
        assertThat(execution.start()).isFalse();
        return execution;
    }

    @Test
    void waitsForAnyJobByNameAndFallsBackToTheDefaultNamespace() throws Exception {
        h.emu.script("other:1", ContainerScript.create().log("from elsewhere").log("{\"auc\": 0.8}").exit(0));
        String name = createJob("other:1", "external");
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob(name);
        TestStepContext.Build build = h.newBuild();
        sense(sensor, build);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(result.get("id")).isEqualTo(StepHarness.NS + "/" + name);
        assertThat(build.log()).contains("from elsewhere");
    }

    @Test
    void finishedJobReturnsAtOnceAndFollowLogsFalseKeepsItsLinesOut() throws Exception {
        h.emu.script("other:done", ContainerScript.create().log("old line").exit(0));
        String name = createJob("other:done", "done");
        await().atMost(WAIT).until(() -> {
            Job j = h.emu.client().batch().v1().jobs().inNamespace(StepHarness.NS).withName(name).get();
            return j.getStatus() != null && j.getStatus().getSucceeded() != null && j.getStatus().getSucceeded() == 1;
        });
        MlSensorStep sensor = new MlSensorStep();
        sensor.setRun(StepHarness.NS + "/" + name);
        sensor.setFollowLogs(false);
        TestStepContext.Build build = h.newBuild();
        sense(sensor, build);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(build.log()).doesNotContain("old line").contains("[ml] Waiting for Kubernetes Job");
    }

    @Test
    void failedJobFailsTheSensor() throws Exception {
        h.emu.script("other:bad", ContainerScript.create().exit(2));
        String name = createJob("other:bad", "bad");
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob(name);
        sensor.setNamespace(StepHarness.NS);
        TestStepContext.Build build = h.newBuild();
        sense(sensor, build);
        assertThat(build.awaitFailure(WAIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlSensor: Kubernetes Job " + StepHarness.NS + "/" + name + " failed");
    }

    @Test
    void timeoutFailsTheBuildAndLeavesTheJobRunning() throws Exception {
        h.emu.script("other:long", ContainerScript.create().runForever());
        String name = createJob("other:long", "long");
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob(name);
        sensor.setTimeout("2s");
        TestStepContext.Build build = h.newBuild();
        sense(sensor, build);
        assertThat(build.awaitFailure(WAIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("gave up waiting for Kubernetes Job " + StepHarness.NS + "/" + name
                        + " after 2s");
        assertThat(h.jobs()).hasSize(1);
        assertThat(build.results).isEmpty();
    }

    @Test
    void timeoutWithSoftFailMarksTheBuildUnstable() throws Exception {
        h.emu.script("other:long2", ContainerScript.create().runForever());
        String name = createJob("other:long2", "long2");
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob(name);
        sensor.setTimeout("2s");
        sensor.setSoftFail(true);
        TestStepContext.Build build = h.newBuild();
        sense(sensor, build);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(build.results).containsExactly(Result.UNSTABLE);
        assertThat(result.get("status")).isIn("RUNNING", "PENDING");
        assertThat(result).containsKeys(RunMaps.KEYS);
    }

    @Test
    void stopPassesTheCauseAndDoesNotDeleteTheWatchedJob() throws Exception {
        h.emu.script("other:long3", ContainerScript.create().log("busy").runForever());
        String name = createJob("other:long3", "long3");
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob(name);
        TestStepContext.Build build = h.newBuild();
        StepExecution execution = sense(sensor, build);
        await().atMost(WAIT).until(() -> build.log().contains("busy"));
        assertThat(execution.getStatus()).contains("waiting for Kubernetes Job").contains("giving up in");
        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED, true);
        execution.stop(abort);
        assertThat(build.awaitFailure(WAIT)).isSameAs(abort);
        assertThat(build.log()).contains("the Job itself keeps running");
        assertThat(h.jobs()).hasSize(1);
    }

    @Test
    void resumedSensorKeepsItsDeadlineAndFinishes() throws Exception {
        h.emu.script("other:resume", ContainerScript.create().log("a").sleep(Duration.ofSeconds(2)).log("b").exit(0));
        String name = createJob("other:resume", "resume");
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob(name);
        TestStepContext.Build build = h.newBuild();
        StepExecution execution = sense(sensor, build);
        await().atMost(WAIT).until(() -> build.log().contains("a\n"));
        h.restartController();
        StepExecution restored = MlTrainStepExecutionTest.roundTrip(execution);
        restored.onResume();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(build.lines().stream().filter(l -> l.equals("a")).count()).isEqualTo(1);
        assertThat(build.lines().stream().filter(l -> l.equals("b")).count()).isEqualTo(1);
    }

    @Test
    void badTimeoutFailsAtStart() {
        MlSensorStep sensor = new MlSensorStep();
        sensor.setJob("x");
        sensor.setTimeout("soon");
        TestStepContext.Build build = h.newBuild();
        StepExecution execution = sensor.start(new TestStepContext(build));
        org.assertj.core.api.Assertions.assertThatThrownBy(execution::start)
                .hasMessageStartingWith("timeout: 'soon' is not a duration");
    }
}
