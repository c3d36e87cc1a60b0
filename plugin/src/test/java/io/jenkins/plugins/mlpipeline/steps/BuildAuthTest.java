package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.AbortException;
import hudson.model.Result;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.mlpipeline.render.JobRenderer;
import io.jenkins.plugins.mlpipeline.render.RunIdentity;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The steps' background work runs as the build's authentication, not as the anonymous user a bare pool thread is:
 * first {@link BuildAuth} itself, then mlTrain and mlSensor end to end, with the step started on a thread that runs
 * as a user (as Pipeline's thread runs as the build) and the outcome reported from the engine's and the pool's threads.
 */
class BuildAuthTest {

    private static final Authentication ALICE = new UsernamePasswordAuthenticationToken("alice", "secret");
    private static final Authentication BOB = new UsernamePasswordAuthenticationToken("bob", "secret");

    /** One reused thread: what a task leaves behind on it, the next task sees. */
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDownPool() {
        pool.shutdownNow();
    }

    private static BuildAuth capturedAs(Authentication user) {
        try (ACLContext ignored = ACL.as2(user)) {
            return BuildAuth.ofPipelineThread();
        }
    }

    private Authentication seenOnPool(Runnable before) throws Exception {
        return pool.submit(() -> {
            before.run();
            return Jenkins.getAuthentication2();
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPoolThreadOnItsOwnIsAnonymous() throws Exception {
        // The problem being solved: without wrapping, Jenkins sees the background work as anonymous.
        assertThat(seenOnPool(() -> { })).isInstanceOf(AnonymousAuthenticationToken.class);
    }

    @Test
    void capturesTheCallingThreadsAuthentication() {
        assertThat(capturedAs(ALICE).authentication()).isSameAs(ALICE);
        assertThat(BuildAuth.ofPipelineThread().authentication()).as("this thread runs as nobody")
                .isInstanceOf(AnonymousAuthenticationToken.class);
    }

    @Test
    void wrappedTaskRunsAsTheCapturedAuthenticationAndLeavesThePoolThreadAsItWas() throws Exception {
        BuildAuth auth = capturedAs(ALICE);
        AtomicReference<Authentication> seen = new AtomicReference<>();
        pool.submit(auth.wrap(() -> seen.set(Jenkins.getAuthentication2()))).get(10, TimeUnit.SECONDS);
        assertThat(seen.get()).isSameAs(ALICE);
        assertThat(seenOnPool(() -> { })).as("the next task on that thread").isInstanceOf(AnonymousAuthenticationToken.class);
    }

    @Test
    void aFailingTaskStillPutsTheThreadsOwnAuthenticationBack() throws Exception {
        BuildAuth auth = capturedAs(ALICE);
        Future<?> failing = pool.submit(auth.wrap(() -> {
            throw new IllegalStateException("boom");
        }));
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        assertThat(seenOnPool(() -> { })).isInstanceOf(AnonymousAuthenticationToken.class);
    }

    @Test
    void aThreadRunningAsSomeoneElseGetsItsOwnBackAfterTheTask() throws Exception {
        BuildAuth alice = capturedAs(ALICE);
        AtomicReference<Authentication> inside = new AtomicReference<>();
        Authentication after = seenOnPool(() -> {
            ACL.as2(BOB); // the pool thread runs as bob (left installed on purpose)
            alice.wrap(() -> inside.set(Jenkins.getAuthentication2())).run();
        });
        assertThat(inside.get()).isSameAs(ALICE);
        assertThat(after).isSameAs(BOB);
    }

    @Test
    void wrappedCallbackGetsItsValueAndRunsAsTheCapturedAuthentication() throws Exception {
        BuildAuth auth = capturedAs(ALICE);
        List<String> calls = new CopyOnWriteArrayList<>();
        Consumer<String> callback = auth.wrap((String value) -> calls.add(value + " as "
                + Jenkins.getAuthentication2().getName()));
        pool.submit(() -> callback.accept("result")).get(10, TimeUnit.SECONDS);
        assertThat(calls).containsExactly("result as alice");
        assertThat(seenOnPool(() -> { })).isInstanceOf(AnonymousAuthenticationToken.class);
    }

    @Test
    void interleavedTasksOfTwoBuildsOnSharedThreadsEachRunAsTheirOwn() throws Exception {
        BuildAuth alice = capturedAs(ALICE);
        BuildAuth bob = capturedAs(BOB);
        ExecutorService shared = Executors.newFixedThreadPool(4);
        try {
            List<String> wrong = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(400);
            for (int i = 0; i < 400; i++) {
                BuildAuth auth = i % 2 == 0 ? alice : bob;
                String expected = auth.authentication().getName();
                shared.execute(auth.wrap(() -> {
                    Thread.yield();
                    String actual = Jenkins.getAuthentication2().getName();
                    if (!actual.equals(expected)) {
                        wrong.add(expected + " ran as " + actual);
                    }
                    done.countDown();
                }));
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(wrong).isEmpty();
        } finally {
            shared.shutdownNow();
        }
    }

    @Test
    void afterARestartTheWorkRunsAsSystemUnlessTheBuildsAuthenticationIsAtHand() {
        assertThat(BuildAuth.afterRestart().authentication()).isSameAs(ACL.SYSTEM2);
        assertThat(BuildAuth.orAfterRestart(null).authentication()).isSameAs(ACL.SYSTEM2);
        BuildAuth alice = capturedAs(ALICE);
        assertThat(BuildAuth.orAfterRestart(alice)).isSameAs(alice);
        assertThat(alice).hasToString("BuildAuth[alice]");
    }

    @Test
    void refusesNothingToRun() {
        BuildAuth auth = capturedAs(ALICE);
        assertThatThrownBy(() -> auth.wrap((Runnable) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("task");
        assertThatThrownBy(() -> auth.wrap((Consumer<Object>) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("callback");
    }

    /** The executions, against the emulated cluster. */
    @Nested
    class Executions {

        private static final Duration WAIT = Duration.ofSeconds(40);

        private final StepHarness h = new StepHarness();

        @AfterEach
        void close() {
            h.close();
        }

        /**
         * Starts the step on this thread running as {@code user}, as Pipeline starts it on its thread running as
         * the build, and records who the thread that reports the outcome runs as.
         */
        private StepExecution startAs(Authentication user, Step step, TestStepContext.Build build,
                                      CompletableFuture<Authentication> reportedAs) throws Exception {
            StepExecution execution = step.start(new RecordingContext(new TestStepContext(build), reportedAs));
            try (ACLContext ignored = ACL.as2(user)) {
                assertThat(execution.start()).isFalse();
            }
            return execution;
        }

        private MlTrainStep train(String image) {
            MlTrainStep step = new MlTrainStep(image);
            step.setName("auth");
            step.setCommand(List.of("python", "train.py"));
            return step;
        }

        @Test
        void mlTrainReportsAFinishedRunFromTheEngineAsTheBuild() throws Exception {
            h.emu.script("auth:ok", ContainerScript.create().log("trained").exit(0));
            TestStepContext.Build build = h.newBuild();
            CompletableFuture<Authentication> reportedAs = new CompletableFuture<>();
            startAs(ALICE, train("auth:ok"), build, reportedAs);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
            assertThat(result.get("status")).isEqualTo("SUCCEEDED");
            assertThat(reportedAs.get(10, TimeUnit.SECONDS)).isSameAs(ALICE);
        }

        @Test
        void mlTrainLaunchFailureIsReportedAsTheBuild() throws Exception {
            MlTrainStep step = train("auth:never");
            step.setCloud("elsewhere");
            TestStepContext.Build build = h.newBuild();
            CompletableFuture<Authentication> reportedAs = new CompletableFuture<>();
            startAs(ALICE, step, build, reportedAs);
            assertThat(build.awaitFailure(WAIT)).isInstanceOf(AbortException.class)
                    .hasMessageContaining("no cloud named 'elsewhere'");
            assertThat(reportedAs.get(10, TimeUnit.SECONDS)).isSameAs(ALICE);
        }

        @Test
        void resumedMlTrainRunsAsSystem() throws Exception {
            h.emu.script("auth:resume", ContainerScript.create().log("a").sleep(Duration.ofSeconds(2)).log("b")
                    .exit(0));
            TestStepContext.Build build = h.newBuild();
            CompletableFuture<Authentication> reportedAs = new CompletableFuture<>();
            StepExecution execution = startAs(ALICE, train("auth:resume"), build, reportedAs);
            await().atMost(WAIT).until(() -> build.log().contains("a\n"));
            h.restartController();
            StepExecution restored = roundTrip(execution);
            restored.onResume(); // from this thread, which runs as nobody; Jenkins calls it from a SYSTEM thread
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) build.awaitResult(WAIT);
            assertThat(result.get("status")).isEqualTo("SUCCEEDED");
            assertThat(reportedAs.get(10, TimeUnit.SECONDS)).isSameAs(ACL.SYSTEM2);
        }

        @Test
        void mlSensorStoppedFromAnotherThreadStillReportsAsTheBuild() throws Exception {
            h.emu.script("auth:long", ContainerScript.create().log("busy").runForever());
            Job job = new JobRenderer().render(TrainingSpec.builder().name("watched").image("auth:long").build(),
                    RunIdentity.of("other-tool/watched"), StepHarness.NS);
            String name = h.emu.client().batch().v1().jobs().inNamespace(StepHarness.NS).resource(job).create()
                    .getMetadata().getName();
            MlSensorStep sensor = new MlSensorStep();
            sensor.setJob(name);
            TestStepContext.Build build = h.newBuild();
            CompletableFuture<Authentication> reportedAs = new CompletableFuture<>();
            StepExecution execution = startAs(BOB, sensor, build, reportedAs);
            await().atMost(WAIT).until(() -> build.log().contains("busy"));
            FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED, true);
            execution.stop(abort); // from this thread, which runs as nobody
            assertThat(build.awaitFailure(WAIT)).isSameAs(abort);
            assertThat(reportedAs.get(10, TimeUnit.SECONDS)).isSameAs(BOB);
        }

        /** Pipeline's context, plus who completes the step; serializable like the context it wraps. */
        private static final class RecordingContext extends StepContext {

            private static final long serialVersionUID = 1L;
            private static final Map<String, CompletableFuture<Authentication>> REPORTS = new ConcurrentHashMap<>();

            private final TestStepContext delegate;
            private final String key = UUID.randomUUID().toString();

            RecordingContext(TestStepContext delegate, CompletableFuture<Authentication> reportedAs) {
                this.delegate = delegate;
                REPORTS.put(key, reportedAs);
            }

            @Override
            public <T> T get(Class<T> type) throws IOException, InterruptedException {
                return delegate.get(type);
            }

            @Override
            public void onSuccess(Object result) {
                REPORTS.get(key).complete(Jenkins.getAuthentication2());
                delegate.onSuccess(result);
            }

            @Override
            public void onFailure(Throwable t) {
                REPORTS.get(key).complete(Jenkins.getAuthentication2());
                delegate.onFailure(t);
            }

            @Override
            public boolean isReady() {
                return delegate.isReady();
            }

            @Override
            public ListenableFuture<Void> saveState() {
                return delegate.saveState();
            }

            @Override
            public void setResult(Result r) {
                delegate.setResult(r);
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof RecordingContext other && other.key.equals(key);
            }

            @Override
            public int hashCode() {
                return key.hashCode();
            }
        }

        private static StepExecution roundTrip(StepExecution execution) throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(execution);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (StepExecution) in.readObject();
            }
        }
    }
}
