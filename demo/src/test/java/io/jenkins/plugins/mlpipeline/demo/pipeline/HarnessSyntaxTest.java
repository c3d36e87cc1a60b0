package io.jenkins.plugins.mlpipeline.demo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Result;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The harness' Pipeline semantics, each with a Jenkinsfile named after the test (HarnessSyntaxTest/<test>). */
class HarnessSyntaxTest {

    @TempDir
    Path home;
    ClusterEmulator emu;
    PipelineHarness harness;
    String jenkinsfile;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        emu = PipelineHarness.exampleCluster().terminationTime(Duration.ofMillis(200)).build();
        harness = new PipelineHarness(emu, home, null);
        String name = "HarnessSyntaxTest/" + test.getTestMethod().orElseThrow().getName() + ".Jenkinsfile";
        try (InputStream in = HarnessSyntaxTest.class.getResourceAsStream(name)) {
            jenkinsfile = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() {
        harness.close();
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    private BuildResult run(BuildOptions options) throws IOException {
        return harness.run("job", "test.Jenkinsfile", jenkinsfile, options);
    }

    @Test
    void unknownArgumentIsAnErrorNamingItAndTheLine() throws Exception {
        BuildResult build = run(BuildOptions.defaults());

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("mlTrain: unknown argument gpus; mlTrain takes image, args, cache, cacheVersion, cloud,",
                "(test.Jenkinsfile line 6)");
        assertThat(emu.client().batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void unknownStepIsAnErrorNamingItAndTheLine() throws Exception {
        BuildResult build = run(BuildOptions.defaults());

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("building", "No such DSL method 'sh' at test.Jenkinsfile line 7");
    }

    @Test
    void aSyntaxErrorFailsTheBuildNamingTheLine() throws Exception {
        BuildResult build = harness.run("job", "broken.Jenkinsfile", "pipeline {\n  agent none\n  stages {\n",
                BuildOptions.defaults());

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("ERROR:", "broken.Jenkinsfile: 1: Unexpected input", "@ line 1");
    }

    @Test
    void aParameterTheJenkinsfileDoesNotDeclareIsRefused() throws Exception {
        BuildResult build = harness.run("job", "p.Jenkinsfile", String.join("\n", "pipeline {", "agent none",
                "parameters { string(name: 'A', defaultValue: 'x') }", "stages { stage('s') {", "steps { echo params.A }",
                "} } }"), BuildOptions.defaults().parameter("B", "y"));

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.log()).contains("parameter B: p.Jenkinsfile declares no such parameter; it declares A");
    }

    @Test
    void timeoutAbortsTheRunningTrainingAndDeletesItsJob() throws Exception {
        emu.script(ScriptedTrainer.IMAGE, ScriptedTrainer.forever());

        BuildResult build = run(BuildOptions.defaults());

        assertThat(build.result()).as(build.log()).isEqualTo(Result.ABORTED);
        assertThat(build.log()).contains("Timeout set to expire in 3 sec", "Cancelling nested steps due to timeout",
                "because the build was aborted", "Timeout has been exceeded (3 sec)",
                "Stage \"After\" skipped due to earlier failure(s)", "post: aborted");
        assertThat(build.log()).doesNotContain("must not run");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                emu.client().batch().v1().jobs().inAnyNamespace().list().getItems().isEmpty());
    }

    @Test
    void postConditionsRunInDeclarativeOrder() throws Exception {
        BuildResult build = run(BuildOptions.defaults());

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.lines()).filteredOn(l -> l.contains("post:")).containsExactly("stage post: failure",
                "post: always", "post: failure", "post: unsuccessful", "post: cleanup");
        assertThat(build.log()).contains("ERROR: deliberate");
    }

    @Test
    void retryRepeatsAFailedBodyButNotAnAbort() throws Exception {
        AtomicInteger asked = new AtomicInteger();

        BuildResult build = run(BuildOptions.defaults().answerInputs(request -> {
            asked.incrementAndGet();
            return InputAnswer.reject("dave");
        }));

        assertThat(build.log()).contains("ERROR: attempt 1 failed", "ERROR: attempt 2 failed", "attempt 3 worked",
                "Rejected by dave");
        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(asked).hasValue(1);
    }

    @Test
    void parallelBranchesRunAtTheSameTime() throws Exception {
        // Each branch's input waits until both branches asked: branches run one after the other would never get there.
        CountDownLatch bothAsked = new CountDownLatch(2);
        BuildResult build = run(BuildOptions.defaults().answerInputs(request -> {
            bothAsked.countDown();
            try {
                return bothAsked.await(20, TimeUnit.SECONDS) ? InputAnswer.approve(request.message().replace("?", ""))
                        : InputAnswer.reject("nobody");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return InputAnswer.reject("interrupted");
            }
        }));

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(build.log()).contains("[right] hello from job on the right (FAST=false)",
                "answers: [left:left, right:right]");
        assertThat(build.displayName()).isEqualTo("#1 both answered");
    }

    @Test
    void inputInsideNodeWarnsAndNodeGivesAWorkspace() throws Exception {
        BuildResult build = run(BuildOptions.defaults().answerInputs(InputAnswer.approve("erin")));

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.log()).contains("workspace " + home.resolve("workspace").resolve("job"),
                "WARNING: input inside node holds an executor");
    }

    @Test
    void currentBuildResultCanOnlyGetWorse() throws Exception {
        BuildResult build = harness.run("job", "r.Jenkinsfile", String.join("\n",
                "echo \"before: ${currentBuild.result} ${currentBuild.currentResult}\"",
                "currentBuild.result = 'UNSTABLE'",
                "currentBuild.result = 'SUCCESS'",
                "echo \"after: ${currentBuild.result}\""), BuildOptions.defaults());

        assertThat(build.result()).isEqualTo(Result.UNSTABLE);
        assertThat(build.log()).contains("before: null SUCCESS", "after: UNSTABLE");
    }

    @Test
    void buildNumbersContinueAcrossHarnessesOnTheSameHome() throws Exception {
        String script = "echo \"build ${env.BUILD_NUMBER} of ${env.JOB_NAME}\"";
        assertThat(harness.run("job", "n", script, BuildOptions.defaults()).id()).isEqualTo("job#1");
        harness.close();
        harness = new PipelineHarness(emu, home, null);

        BuildResult second = harness.run("job", "n", script, BuildOptions.defaults());

        assertThat(second.id()).isEqualTo("job#2");
        assertThat(second.log()).contains("build 2 of job");
        assertThat(harness.findBuild("job#1")).isNotNull();
        assertThat(harness.findBuild("job#3")).isNull();
        assertThat(harness.findBuild("../etc#1")).isNull();
    }
}
