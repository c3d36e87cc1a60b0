package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.AbortException;
import hudson.model.Result;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.action.MlRunsAction;
import io.jenkins.plugins.mlpipeline.action.RunRecord;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mlTrain end to end: step -> execution -> engine -> emulated cluster -> outcome of the step. */
class MlTrainStepExecutionTest {

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

    private static MlTrainStep step(String image) {
        MlTrainStep step = new MlTrainStep(image);
        step.setName("train");
        step.setCommand(List.of("python", "train.py"));
        return step;
    }

    private static StepExecution launch(MlTrainStep step, TestStepContext.Build build) throws Exception {
        StepExecution execution = step.start(new TestStepContext(build));
        assertThat(execution.start()).as("asynchronous: start() returns at once").isFalse();
        return execution;
    }

    @Test
    void successReturnsThePlainMapAndTheBuildShowsTheRun() throws Exception {
        h.emu.script("trainer:1", ContainerScript.create().log("loading").log("{\"loss\": 0.25, \"acc\": 0.9}")
                .log("done"));
        MlTrainStep step = step("trainer:1");
        step.setParams(Map.of("lr", "1.10"));
        TestStepContext.Build build = h.newBuild();
        build.env.put("GIT_COMMIT", "4f2a9c1e");
        launch(step, build);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result).containsKeys(RunMaps.KEYS);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(result.get("cloud")).isEqualTo("k8s");
        assertThat(result.get("namespace")).isEqualTo(StepHarness.NS);
        assertThat(result.get("id")).isEqualTo(StepHarness.NS + "/" + result.get("name"));
        assertThat((Map<String, Object>) result.get("metrics")).containsEntry("loss", 0.25);
        assertThat(build.lines()).containsSubsequence("loading", "{\"loss\": 0.25, \"acc\": 0.9}", "done");
        assertThat(build.log()).contains("[ml] Created Kubernetes Job " + result.get("id"));

        Job job = h.jobs().get(0);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).as("default timeout 1h from the global config")
                .isEqualTo(3600L);
        assertThat(job.getMetadata().getAnnotations()).containsValue("https://ci.example.com/" + build.run.getUrl())
                .containsValue(build.run.getExternalizableId() + "/ml-1")
                .containsEntry(io.jenkins.plugins.mlpipeline.JobLabels.GIT_COMMIT, "4f2a9c1e");
        List<RunRecord> records = MlRunsAction.of(build.run).getRecords();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(r.getMetrics()).containsEntry("acc", 0.9);
            assertThat(r.getUid()).isEqualTo(result.get("uid"));
        });
        assertThat(build.extraCompletions).hasValue(0);
    }

    @Test
    void nonZeroExitFailsWithTheClassifiedMessageAndNoStackTrace() throws Exception {
        h.emu.script("trainer:bad", ContainerScript.create().log("ValueError: bad learning rate").exit(3));
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:bad"), build);
        Throwable failure = build.awaitFailure(WAIT);
        assertThat(failure).isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlTrain: Kubernetes Job " + StepHarness.NS + "/")
                .hasMessageContaining("failed (Error)")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("ValueError: bad learning rate");
        assertThat(MlRunsAction.of(build.run).getRecords().get(0).getStatus()).isEqualTo("FAILED");
    }

    @Test
    void oomKilledIsNamed() throws Exception {
        h.emu.script("trainer:oom", ContainerScript.create().oomKilled());
        MlTrainStep step = step("trainer:oom");
        step.setResources(Map.of("memory", "2Gi"));
        TestStepContext.Build build = h.newBuild();
        launch(step, build);
        assertThat(build.awaitFailure(WAIT)).isInstanceOf(AbortException.class)
                .hasMessageContaining("(OOMKilled)").hasMessageContaining("2Gi");
    }

    @Test
    void timeoutBecomesTheJobDeadline() throws Exception {
        h.emu.script("trainer:slow", ContainerScript.create().log("epoch 1").runForever());
        MlTrainStep step = step("trainer:slow");
        step.setTimeout("2s");
        TestStepContext.Build build = h.newBuild();
        launch(step, build);
        assertThat(build.awaitFailure(WAIT)).isInstanceOf(AbortException.class)
                .hasMessageContaining("(DeadlineExceeded)");
        assertThat(h.jobs()).allSatisfy(j -> assertThat(j.getSpec().getActiveDeadlineSeconds()).isEqualTo(2L));
    }

    @Test
    void imagePullFailureFailsAndDeletesTheJob() throws Exception {
        h.emu.failPull("trainer:missing", "ErrImagePull", "rpc error: code = NotFound desc = not found");
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:missing"), build);
        assertThat(build.awaitFailure(WAIT)).isInstanceOf(AbortException.class)
                .hasMessageContaining("trainer:missing").hasMessageContaining("grace of 1s");
        await().atMost(WAIT).until(() -> h.jobs().isEmpty());
    }

    @Test
    void jobDeletedBySomeoneElseAbortsTheBuild() throws Exception {
        h.emu.script("trainer:long", ContainerScript.create().log("working").runForever());
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:long"), build);
        await().atMost(WAIT).until(() -> build.log().contains("working"));
        Job job = h.jobs().get(0);
        h.emu.client().batch().v1().jobs().inNamespace(StepHarness.NS).withName(job.getMetadata().getName()).delete();

        Throwable failure = build.awaitFailure(WAIT);
        assertThat(failure).isInstanceOf(FlowInterruptedException.class);
        FlowInterruptedException fie = (FlowInterruptedException) failure;
        assertThat(fie.getResult()).isEqualTo(Result.ABORTED);
        assertThat(fie.isActualInterruption()).as("a surrounding retry may try again").isFalse();
        assertThat(fie.getCauses()).singleElement().isInstanceOf(RemoteRunCancelled.class);
        assertThat(fie.getCauses().get(0).getShortDescription())
                .contains(StepHarness.NS + "/" + job.getMetadata().getName(), "stopped outside Jenkins");
    }

    @Test
    void stopDeletesTheJobThenPassesTheCause() throws Exception {
        h.emu.script("trainer:forever", ContainerScript.create().log("working").runForever());
        TestStepContext.Build build = h.newBuild();
        StepExecution execution = launch(step("trainer:forever"), build);
        await().atMost(WAIT).until(() -> build.log().contains("working"));
        assertThat(execution.getStatus()).startsWith("waiting for Kubernetes Job " + StepHarness.NS + "/")
                .contains("running");

        FlowInterruptedException userAbort = new FlowInterruptedException(Result.ABORTED, true);
        execution.stop(userAbort);
        assertThat(build.awaitFailure(WAIT)).isSameAs(userAbort);
        assertThat(build.log()).contains("[ml] Deleted Job " + StepHarness.NS + "/")
                .contains("because the build was aborted");
        await().atMost(WAIT).until(() -> h.jobs().isEmpty());
        assertThat(build.extraCompletions).hasValue(0);
    }

    @Test
    void stopDuringTheLaunchStillDeletesTheJob() throws Exception {
        h.emu.script("trainer:forever2", ContainerScript.create().runForever());
        TestStepContext.Build build = h.newBuild();
        StepExecution execution = launch(step("trainer:forever2"), build);
        FlowInterruptedException userAbort = new FlowInterruptedException(Result.ABORTED, true);
        execution.stop(userAbort); // most likely while the launch is still under way
        assertThat(build.awaitFailure(WAIT)).isSameAs(userAbort);
        await().atMost(WAIT).until(() -> h.jobs().isEmpty());
    }

    @Test
    void restartMidRunResumesWithoutSecondJobOrRepeatedLines() throws Exception {
        ContainerScript script = ContainerScript.create();
        for (int i = 1; i <= 12; i++) {
            script = script.log(Duration.ofMillis(150), "line " + i);
        }
        h.emu.script("trainer:restart", script.exit(0));
        TestStepContext.Build build = h.newBuild();
        StepExecution execution = launch(step("trainer:restart"), build);
        await().atMost(WAIT).until(() -> build.log().contains("line 3"));

        h.restartController(); // the engine stops following: what program.dat keeps is what the log shows
        StepExecution restored = roundTrip(execution);
        restored.onResume();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        List<String> container = build.lines().stream().filter(l -> l.startsWith("line ")).toList();
        assertThat(container).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7",
                "line 8", "line 9", "line 10", "line 11", "line 12");
        assertThat(build.log()).contains("[ml] Resuming");
        assertThat(h.jobs()).hasSize(1);
    }

    @Test
    void apiServerErrorsForAWhileDoNotFailTheBuild() throws Exception {
        h.emu.script("trainer:outage", ContainerScript.create().log("before").sleep(Duration.ofSeconds(3))
                .log("after").exit(0));
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:outage"), build);
        await().atMost(WAIT).until(() -> build.log().contains("before"));
        h.emu.faults().serverErrors(Duration.ofSeconds(2));
        h.emu.faults().dropWatches();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(build.lines().stream().filter(l -> l.equals("after")).count()).isEqualTo(1);
    }

    @Test
    void launchDuringAnOutageIsRetried() throws Exception {
        h.emu.script("trainer:late", ContainerScript.create().log("ok").exit(0));
        h.emu.faults().serverErrors(Duration.ofSeconds(2));
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:late"), build);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(h.jobs()).hasSize(1);
    }

    @Test
    void withoutWaitReturnsAtOnceAndASensorFollowsIt() throws Exception {
        h.emu.script("trainer:async", ContainerScript.create().log("async line").sleep(Duration.ofSeconds(1))
                .log("{\"loss\": 0.5}").exit(0));
        MlTrainStep step = step("trainer:async");
        step.setWait(false);
        TestStepContext.Build build = h.newBuild();
        launch(step, build);
        @SuppressWarnings("unchecked")
        Map<String, Object> launched = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(launched).containsKeys(RunMaps.KEYS);
        assertThat(launched.get("status")).isEqualTo("PENDING");
        assertThat(launched.get("uid")).isNotNull();

        MlSensorStep sensor = new MlSensorStep();
        sensor.setRun(launched);
        TestStepContext.Build later = h.newBuild();
        StepExecution execution = sensor.start(new TestStepContext(later));
        assertThat(execution.start()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) later.awaitResult(WAIT);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(result.get("id")).isEqualTo(launched.get("id"));
        assertThat((Map<String, Object>) result.get("metrics")).containsEntry("loss", 0.5);
        assertThat(later.log()).contains("async line");
    }

    @Test
    void eachStepOfABuildGetsItsOwnJob() throws Exception {
        h.emu.script("trainer:twice", ContainerScript.create().exit(0));
        TestStepContext.Build build = h.newBuild();
        launch(step("trainer:twice"), build);
        build.awaitResult(WAIT);
        TestStepContext.Build sameBuildSecondStep = new TestStepContext.Build(build.key + "-2", build.run);
        launch(step("trainer:twice"), sameBuildSecondStep);
        sameBuildSecondStep.awaitResult(WAIT);
        assertThat(h.jobs()).hasSize(2);
        assertThat(MlRunsAction.of(build.run).getRecords()).hasSize(2);
    }

    @Test
    void administratorPoliciesAreCheckedBeforeAnythingIsCreated() throws Exception {
        PipelineDefaults d = h.defaults;
        h.defaults = new PipelineDefaults(null, StepHarness.NS, d.defaultTimeout(), d.imagePullGrace(),
                d.pendingTimeout(), "registry\\.example\\.com/.*", true, d.outputsImage(), d.outputLimits());
        TestStepContext.Build build = h.newBuild();
        launch(step("docker.io/evil:1"), build);
        assertThat(build.awaitFailure(WAIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("image: 'docker.io/evil:1' is not allowed");

        MlTrainStep sneaky = step("registry.example.com/ok:1");
        sneaky.setPodYaml("initContainers: [{name: fetch, image: 'docker.io/evil:2'}]");
        TestStepContext.Build viaPodYaml = h.newBuild();
        launch(sneaky, viaPodYaml);
        assertThat(viaPodYaml.awaitFailure(WAIT)).as("containers added by podYaml are held to the policy too")
                .hasMessageContaining("image: 'docker.io/evil:2' is not allowed");

        MlTrainStep privileged = step("registry.example.com/ok:1");
        privileged.setPodYaml("containers: [{name: main, securityContext: {privileged: true}}]");
        TestStepContext.Build second = h.newBuild();
        launch(privileged, second);
        assertThat(second.awaitFailure(WAIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("podYaml: spec.containers[0] ('main').securityContext.privileged");

        MlTrainStep invalid = step("registry.example.com/ok:1");
        invalid.setRetries(-1);
        invalid.setSecretEnv(Map.of("TOKEN", "no-slash"));
        TestStepContext.Build third = h.newBuild();
        launch(invalid, third);
        assertThat(third.awaitFailure(WAIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("retries").hasMessageContaining("secretEnv.TOKEN");

        h.restrictedClouds.add("k8s");
        TestStepContext.Build fourth = h.newBuild();
        launch(step("registry.example.com/ok:1"), fourth);
        assertThat(fourth.awaitFailure(WAIT)).hasMessageContaining("restricted");
        assertThat(h.jobs()).isEmpty();
    }

    @Test
    void podTemplateYamlIsMergedUnderneathAndItsNamespaceUsed() throws Exception {
        h.emu.script("trainer:tpl", ContainerScript.create().exit(0));
        h.emu.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("gpu-team").endMetadata().build()).create();
        h.templates.put("gpu", new CloudAccess.PodTemplateInfo("gpu", "gpu-team", """
                apiVersion: v1
                kind: Pod
                spec:
                  priorityClassName: batch-low
                  containers:
                  - name: main
                    workingDir: /work
                """));
        MlTrainStep step = step("trainer:tpl");
        step.setPodTemplate("gpu");
        step.setNamespace(null);
        TestStepContext.Build build = h.newBuild();
        launch(step, build);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
        assertThat(result.get("namespace")).isEqualTo("gpu-team");
        Job job = h.emu.client().batch().v1().jobs().inNamespace("gpu-team").list().getItems().get(0);
        assertThat(job.getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("batch-low");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getWorkingDir()).isEqualTo("/work");

        MlTrainStep missing = step("trainer:tpl");
        missing.setPodTemplate("nope");
        TestStepContext.Build second = h.newBuild();
        launch(missing, second);
        assertThat(second.awaitFailure(WAIT)).hasMessage("podTemplate: the Kubernetes cloud 'k8s' has no pod template"
                + " named 'nope'");
    }

    @Test
    void quietKeepsContainerLinesOutOfTheLog() throws Exception {
        h.emu.script("trainer:quiet", ContainerScript.create().log("secret-ish chatter").exit(0));
        MlTrainStep step = step("trainer:quiet");
        step.setQuiet(true);
        TestStepContext.Build build = h.newBuild();
        launch(step, build);
        build.awaitResult(WAIT);
        assertThat(build.log()).doesNotContain("secret-ish chatter").contains("[ml] Created");
    }

    static StepExecution roundTrip(StepExecution execution) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(execution);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StepExecution) in.readObject();
        }
    }
}
