package io.jenkins.plugins.mlpipeline.status;

import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.T0;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.job;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.pod;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.running;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.terminated;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.unschedulable;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.waiting;
import static io.jenkins.plugins.mlpipeline.status.StatusFixtures.withCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One test (at least) per row of the status matrix in DESIGN.md. */
class RunClassifierTest {

    private final RunClassifier classifier =
            new RunClassifier(new ClassifierSettings(Duration.ofMinutes(3), Duration.ofMinutes(10)));
    private final WaitingClocks clocks = new WaitingClocks();

    private RunVerdict classify(Job job, Instant now, Pod... pods) {
        return classifier.classify(job, List.of(pods), clocks, now);
    }

    @Test
    void completeJobSucceeds() {
        Job job = withCondition(job(), "Complete", "CompletionsReached", "Reached expected number of succeeded pods");
        RunVerdict v = classify(job, T0, terminated("train-1-a", 0, "Succeeded", "Completed", 0));
        assertThat(v.phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(v.deleteJob()).isFalse();
    }

    @Test
    void interimSuccessConditionIsEnoughToReportSuccess() {
        Job job = withCondition(job(), "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods");
        assertThat(classify(job, T0).phase()).isEqualTo(RunPhase.SUCCEEDED);
    }

    @Test
    void nonZeroExitWithBackoffLimitExceededNamesExitCodeAndAttempts() {
        Job job = withCondition(job().editSpec().withBackoffLimit(1).endSpec().editStatus().withFailed(2).endStatus(),
                "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        RunVerdict v = classify(job, T0,
                terminated("train-1-a", 0, "Failed", "Error", 2),
                terminated("train-1-b", 30, "Failed", "Error", 3));
        assertThat(v.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(v.reason()).isEqualTo("Error");
        assertThat(v.message()).contains("train-1-b", "exited with code 3", "BackoffLimitExceeded", "2 attempts", "retries 1");
    }

    @Test
    void oomKilledNamesTheMemoryLimit() {
        Job job = withCondition(job(), "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        RunVerdict v = classify(job, T0, terminated("train-1-a", 0, "Failed", "OOMKilled", 137));
        assertThat(v.reason()).isEqualTo("OOMKilled");
        assertThat(v.message()).contains("OOMKilled", "memory limit of 4Gi");
    }

    @Test
    void oomKilledFailsEvenWhenThePodReportsSuccess() {
        Job job = withCondition(job(), "Complete", "CompletionsReached", "Reached expected number of succeeded pods");
        RunVerdict v = classify(job, T0, terminated("train-1-a", 0, "Succeeded", "OOMKilled", 0));
        assertThat(v.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(v.reason()).isEqualTo("OOMKilled");
        assertThat(v.message()).contains("reported success");
    }

    @Test
    void oomWithoutLimitSaysSo() {
        Pod pod = new PodBuilder(terminated("train-1-a", 0, "Failed", "OOMKilled", 137)).editSpec().editFirstContainer()
                .withResources(null).endContainer().endSpec().build();
        Job job = withCondition(job(), "Failed", "BackoffLimitExceeded", "x");
        assertThat(classify(job, T0, pod).message()).contains("no memory limit is set");
    }

    @Test
    void deadlineExceededNamesTheDeadline() {
        Job job = withCondition(job().editSpec().withActiveDeadlineSeconds(7200L).endSpec(), "Failed",
                "DeadlineExceeded", "Job was active longer than specified deadline");
        RunVerdict v = classify(job, T0, terminated("train-1-a", 0, "Failed", "Error", 143));
        assertThat(v.reason()).isEqualTo("DeadlineExceeded");
        assertThat(v.message()).contains("2h", "activeDeadlineSeconds=7200");
    }

    @Test
    void imagePullBackOffWaitsForTheGraceThenFailsAndDeletes() {
        Job job = job().build();
        Pod pod = waiting("train-1-a", 0, "ImagePullBackOff", "Back-off pulling image \"trainer:nope\"");
        RunVerdict early = classify(job, T0, pod);
        assertThat(early.phase()).isEqualTo(RunPhase.PENDING);
        assertThat(early.reason()).isEqualTo("ImagePullBackOff");

        RunVerdict stillEarly = classify(job, T0.plusSeconds(179), pod);
        assertThat(stillEarly.phase()).isEqualTo(RunPhase.PENDING);

        RunVerdict late = classify(job, T0.plusSeconds(180),
                waiting("train-1-a", 0, "ErrImagePull", "rpc error: code = NotFound desc = trainer:nope not found"));
        assertThat(late.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(late.deleteJob()).isTrue();
        assertThat(late.message()).contains("ErrImagePull", "trainer:nope not found", "grace of 3m");
    }

    @Test
    void pullClockRestartsWhenThePullRecovers() {
        Job job = job().build();
        classify(job, T0, waiting("train-1-a", 0, "ErrImagePull", "x"));
        classify(job, T0.plusSeconds(100), running("train-1-a", 0));
        RunVerdict v = classify(job, T0.plusSeconds(200), waiting("train-1-a", 0, "ImagePullBackOff", "y"));
        assertThat(v.phase()).isEqualTo(RunPhase.PENDING);
    }

    @Test
    void invalidImageNameFailsAtOnce() {
        RunVerdict v = classify(job().build(), T0,
                waiting("train-1-a", 0, "InvalidImageName", "Failed to apply default image tag \"Trainer:1\""));
        assertThat(v.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(v.deleteJob()).isTrue();
        assertThat(v.message()).contains("InvalidImageName", "Trainer:1");
    }

    @Test
    void unschedulableFailsPastThePendingTimeoutQuotingTheScheduler() {
        String msg = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: "
                + "3 Preemption is not helpful for scheduling.";
        Pod pod = unschedulable("train-1-a", 0, T0, msg);
        RunVerdict early = classify(job().build(), T0.plusSeconds(60), pod);
        assertThat(early.phase()).isEqualTo(RunPhase.PENDING);
        assertThat(early.message()).contains(msg);

        RunVerdict late = classify(job().build(), T0.plusSeconds(600), pod);
        assertThat(late.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(late.reason()).isEqualTo("Unschedulable");
        assertThat(late.deleteJob()).isTrue();
        assertThat(late.message()).contains(msg, "pending timeout 10m");
    }

    @Test
    void unschedulableSinceIsNeverTakenFromAFutureClusterClock() {
        Pod pod = unschedulable("train-1-a", 0, T0.plusSeconds(3600), "0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(classify(job().build(), T0, pod).phase()).isEqualTo(RunPhase.PENDING);
        assertThat(classify(job().build(), T0.plusSeconds(599), pod).phase()).isEqualTo(RunPhase.PENDING);
        assertThat(classify(job().build(), T0.plusSeconds(600), pod).phase()).isEqualTo(RunPhase.FAILED);
    }

    @Test
    void evictedPodIsRetriedWhileRetriesRemain() {
        Pod evicted = new PodBuilder(pod("train-1-a", 0).build()).withNewStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build();
        RunVerdict v = classify(job().editSpec().withBackoffLimit(2).endSpec().build(), T0, evicted);
        assertThat(v.phase()).isEqualTo(RunPhase.PENDING);
        assertThat(v.reason()).isEqualTo("Retrying");
        assertThat(v.message()).contains("evicted", "low on resource: memory");

        RunVerdict next = classify(job().build(), T0, evicted, running("train-1-b", 20));
        assertThat(next.phase()).isEqualTo(RunPhase.RUNNING);
    }

    @Test
    void evictionThatExhaustsRetriesFailsNamingTheEviction() {
        Pod evicted = new PodBuilder(pod("train-1-a", 0).build()).withNewStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build();
        Job job = withCondition(job(), "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        RunVerdict v = classify(job, T0, evicted);
        assertThat(v.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(v.reason()).isEqualTo("Evicted");
        assertThat(v.message()).contains("low on resource: memory", "BackoffLimitExceeded");
    }

    @Test
    void preemptedPodIsNamedAsPreempted() {
        Pod preempted = new PodBuilder(terminated("train-1-a", 0, "Failed", "Error", 143)).editStatus()
                .addToConditions(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                        .withReason("PreemptionByScheduler").build()).endStatus().build();
        Job job = withCondition(job(), "Failed", "BackoffLimitExceeded", "x");
        RunVerdict v = classify(job, T0, preempted);
        assertThat(v.reason()).isEqualTo("Preempted");
        assertThat(v.message()).contains("preempted by the scheduler");
    }

    @Test
    void suspendedByOthersIsCancelled() {
        Job job = withCondition(job().editSpec().withSuspend(true).endSpec(), "Suspended", "JobSuspended", "Job suspended");
        RunVerdict v = classify(job, T0);
        assertThat(v.phase()).isEqualTo(RunPhase.CANCELLED);
        assertThat(v.reason()).isEqualTo("JobSuspended");
    }

    @Test
    void deletionOfAnUnfinishedJobIsCancelled() {
        Job job = job().editMetadata().withDeletionTimestamp(T0.toString()).endMetadata().build();
        RunVerdict v = classify(job, T0, running("train-1-a", 0));
        assertThat(v.phase()).isEqualTo(RunPhase.CANCELLED);
        assertThat(v.message()).contains("ml/train-1", "deleted outside Jenkins");
    }

    @Test
    void deletionOfAFinishedJobKeepsItsResult() {
        // TTL deletes finished Jobs with foreground propagation; our finalizer keeps the conditions readable.
        Job job = withCondition(job().editMetadata().withDeletionTimestamp(T0.toString()).endMetadata(),
                "Complete", "CompletionsReached", "Reached expected number of succeeded pods");
        assertThat(classify(job, T0).phase()).isEqualTo(RunPhase.SUCCEEDED);
    }

    @Test
    void runningAndPendingStates() {
        assertThat(classify(job().build(), T0).reason()).isEqualTo("Created");
        assertThat(classify(job().build(), T0, running("train-1-a", 0)).phase()).isEqualTo(RunPhase.RUNNING);
        assertThat(classify(job().build(), T0, waiting("train-1-a", 0, "ContainerCreating", null)).reason())
                .isEqualTo("ContainerCreating");
    }

    @Test
    void missingSecretGetsTheGraceThenFails() {
        Pod pod = waiting("train-1-a", 0, "CreateContainerConfigError", "secret \"creds\" not found");
        assertThat(classify(job().build(), T0, pod).phase()).isEqualTo(RunPhase.PENDING);
        RunVerdict v = classify(job().build(), T0.plusSeconds(181), pod);
        assertThat(v.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(v.message()).contains("secret \"creds\" not found");
    }

    @Test
    void otherFailureReasonsKeepTheConditionMessage() {
        Job job = withCondition(job(), "Failed", "PodFailurePolicy",
                "Container main for pod ml/train-1-a failed with exit code 42 matching FailJob rule at index 0");
        RunVerdict v = classify(job, T0, terminated("train-1-a", 0, "Failed", "Error", 42));
        assertThat(v.reason()).isEqualTo("PodFailurePolicy");
        assertThat(v.message()).contains("exit code 42", "FailJob");
    }

    @Test
    void clocksRunOnlyDuringTimedWaits() {
        // The tracker re-checks a pending run on its timer only while a clock runs: these are the waits that end by time.
        classify(job().build(), T0, waiting("train-1-a", 0, "ContainerCreating", null));
        assertThat(clocks.isRunning()).isFalse();
        classify(job().build(), T0, waiting("train-1-a", 0, "ImagePullBackOff", "x"));
        assertThat(clocks.isRunning()).isTrue();
        classify(job().build(), T0, running("train-1-a", 0));
        assertThat(clocks.isRunning()).isFalse();
        classify(job().build(), T0, unschedulable("train-1-a", 0, T0, "0/1 nodes are available: 1 Insufficient cpu."));
        assertThat(clocks.isRunning()).isTrue();
    }
}
