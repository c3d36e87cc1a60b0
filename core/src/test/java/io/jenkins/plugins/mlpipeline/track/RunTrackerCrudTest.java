package io.jenkins.plugins.mlpipeline.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.status.ClassifierSettings;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import io.jenkins.plugins.mlpipeline.testkit.CrudMockServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tracker against fabric8's CRUD mock server, with Job and Pod status written by the test the way a cluster
 * would (the cluster emulator drives the end-to-end cases in RunTrackerEmulatorTest).
 */
@ExtendWith(CrudMockServerExtension.class)
class RunTrackerCrudTest {

    static {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    KubernetesMockServer server;
    KubernetesClient client;
    private RunTracker tracker;

    @BeforeAll
    static void noKubeconfig() {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    @BeforeEach
    void startTracker() {
        tracker = new RunTracker(() -> client, TrackerSettings.defaults().withTick(Duration.ofMillis(100))
                .withProbeInterval(Duration.ofMillis(500))
                .withClassifier(new ClassifierSettings(Duration.ofSeconds(1), Duration.ofSeconds(1))));
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    private Job createJob(String name) {
        return client.batch().v1().jobs().inNamespace("ml").resource(new JobBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE))
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().addNewContainer().withName("main")
                .withImage("trainer:1").endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec()
                .build()).create();
    }

    private Pod createPod(Job job, String suffix) {
        String name = job.getMetadata().getName() + "-" + suffix;
        return client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName(name)
                .withCreationTimestamp(Instant.now().toString())
                .withLabels(Map.of(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE,
                        "batch.kubernetes.io/job-name", job.getMetadata().getName()))
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("trainer:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("main").withNewState().withNewRunning()
                .withStartedAt(Instant.now().toString()).endRunning().endState().endContainerStatus().endStatus()
                .build()).create();
    }

    private void complete(Job job) {
        client.batch().v1().jobs().inNamespace("ml").withName(job.getMetadata().getName()).editStatus(j -> new JobBuilder(j)
                .editOrNewStatus().withSucceeded(1).addToConditions(new JobConditionBuilder().withType("Complete")
                        .withStatus("True").withReason("CompletionsReached").build()).endStatus().build());
    }

    @Test
    void reportsRunningThenSuccess() throws Exception {
        Job job = createJob("train-ok");
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-ok", null), listener);
        createPod(job, "abcde");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.sawPhase(RunPhase.RUNNING));
        complete(job);
        RunSnapshot done = listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(done.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(done.ref().uid()).isEqualTo(job.getMetadata().getUid());
        assertThat(listener.finished).hasSize(1);
    }

    @Test
    void alreadyFinishedJobIsReportedAtOnce() throws Exception {
        Job job = createJob("train-done");
        complete(job);
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-done", null), listener);
        assertThat(listener.awaitFinished(Duration.ofSeconds(10)).verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
    }

    @Test
    void missingJobFailsAsNotFound() throws Exception {
        createJob("someone-else"); // the namespace is not empty
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-missing", null), listener);
        RunSnapshot done = listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(done.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(done.verdict().reason()).isEqualTo("NotFound");
        assertThat(done.verdict().message()).contains("ml/train-missing");
    }

    @Test
    void jobDeletedBySomeoneElseIsCancelled() throws Exception {
        Job job = createJob("train-del");
        createPod(job, "fghij");
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-del", null), listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.sawPhase(RunPhase.RUNNING));
        client.batch().v1().jobs().inNamespace("ml").withName("train-del").delete();
        RunSnapshot done = listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(done.verdict().phase()).isEqualTo(RunPhase.CANCELLED);
        assertThat(done.verdict().reason()).isEqualTo("JobDeleted");
    }

    @Test
    void deletionByJenkinsIsReportedAsSuch() throws Exception {
        createJob("train-abort");
        RecordingListener listener = new RecordingListener();
        RunSubscription sub = tracker.track(new RunRef("ml", "train-abort", null), listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.changes.isEmpty());
        sub.markCancelledByJenkins();
        client.batch().v1().jobs().inNamespace("ml").withName("train-abort").delete();
        RunSnapshot done = listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(done.verdict().reason()).isEqualTo("Aborted");
    }

    @Test
    void jobRecreatedUnderTheSameNameIsNotMistakenForOurs() throws Exception {
        Job first = createJob("train-same");
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-same", first.getMetadata().getUid() + "-other"), listener);
        RunSnapshot done = listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(done.verdict().phase()).isNotEqualTo(RunPhase.SUCCEEDED);
        assertThat(done.verdict().isFinal()).isTrue();
    }

    @Test
    void warningEventsAreReportedOnceEach() throws Exception {
        Job job = createJob("train-warn");
        Pod pod = createPod(job, "klmno");
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-warn", null), listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.sawPhase(RunPhase.RUNNING));
        var event = client.v1().events().inNamespace("ml").resource(new EventBuilder().withNewMetadata()
                .withName(pod.getMetadata().getName() + ".1").endMetadata()
                .withType("Warning").withReason("FailedMount").withMessage("MountVolume.SetUp failed for volume \"data\"")
                .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName()).withNamespace("ml")
                .endInvolvedObject().withCount(1).build()).create();
        client.v1().events().inNamespace("ml").resource(new EventBuilder().withNewMetadata().withName("other.1").endMetadata()
                .withType("Normal").withReason("Pulled").withMessage("pulled")
                .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName()).endInvolvedObject()
                .build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.warnings.isEmpty());
        // Kubernetes aggregates repeats into the same Event with a higher count: not a new warning.
        client.v1().events().inNamespace("ml").withName(event.getMetadata().getName())
                .edit(e -> new EventBuilder(e).withCount(2).build());
        complete(job);
        listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(listener.warnings).hasSize(1);
        assertThat(listener.warnings.get(0).toLogLine()).contains("FailedMount", "pod train-warn-klmno", "data");
    }

    @Test
    void threadsDoNotGrowWithTrackedRuns() throws Exception {
        createJob("warm-up");
        RecordingListener first = new RecordingListener();
        tracker.track(new RunRef("ml", "warm-up", null), first);
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.changes.isEmpty());
        for (int i = 0; i < 300; i++) {
            createJob("many-" + i);
        }
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            RecordingListener l = new RecordingListener();
            listeners.add(l);
            tracker.track(new RunRef("ml", "many-" + i, null), l);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.stream().allMatch(l -> !l.changes.isEmpty()));
        assertThat(tracker.trackedRuns()).isEqualTo(301);
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        assertThat(after - before).as("threads added while tracking 300 more runs").isLessThanOrEqualTo(2);
    }

    @Test
    void unschedulablePastThePendingTimeoutFailsWithoutAnyFurtherEvent() throws Exception {
        Job job = createJob("train-pending");
        client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName("train-pending-qrstv")
                .withLabels(Map.of(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE,
                        "batch.kubernetes.io/job-name", "train-pending"))
                .addNewOwnerReference().withKind("Job").withName("train-pending").withUid(job.getMetadata().getUid())
                .endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("trainer:1").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/1 nodes are available: 1 Insufficient nvidia.com/gpu.")
                .endCondition().endStatus().build()).create();
        RecordingListener listener = new RecordingListener();
        tracker.track(new RunRef("ml", "train-pending", null), listener);
        RunSnapshot done = listener.awaitFinished(Duration.ofSeconds(10));
        assertThat(done.verdict().reason()).isEqualTo("Unschedulable");
        assertThat(done.verdict().deleteJob()).isTrue();
        assertThat(listener.sawPhase(RunPhase.PENDING)).isTrue();
    }

    @Test
    void podNameToJobName() {
        assertThat(RunTracker.jobNameFromPodName("train-1-abcde")).isEqualTo("train-1");
        assertThat(RunTracker.jobNameFromPodName("nodash")).isNull();
        assertThat(RunTracker.jobNameFromPodName("train-abc")).isNull();
    }
}
