package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.condition;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobFailureTest {

    private static final Duration BACKOFF = Duration.ofMillis(200);

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().podFailureBackoff(BACKOFF).build();
        client = emu.client();
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void backoffLimitFailsOnlyWhenFailuresExceedItAndPodsAreRecreatedWithBackoff() {
        emu.script("flaky:1", ContainerScript.create().log("boom").exit(3));
        PodTimeline timeline = new PodTimeline();
        Watch watch = client.pods().watch(timeline);
        try {
            // Make sure the watch is live before the Job starts, so that event times are meaningful.
            client.pods().resource(new PodBuilder().withNewMetadata().withName("marker").endMetadata().withNewSpec()
                    .addNewContainer().withName("main").withImage("marker:1").endContainer().endSpec().build())
                    .create();
            await().atMost(Duration.ofSeconds(5)).until(() -> timeline.added("marker") != null);
            client.batch().v1().jobs().resource(job("flaky", "flaky:1").editSpec().withBackoffLimit(2).endSpec()
                    .build()).create();
            awaitCondition("flaky", "Failed");
        } finally {
            watch.close();
        }
        Job failed = TestJobs.get(client, "flaky");

        // backoffLimit 2: the Job fails on the third failed pod, not the second.
        assertThat(failed.getStatus().getFailed()).isEqualTo(3);
        assertThat(conditionTypes(failed)).containsExactly("FailureTarget", "Failed");
        JobCondition condition = condition(failed, "Failed");
        assertThat(condition.getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition.getMessage()).isEqualTo("Job has reached the specified backoff limit");
        assertThat(condition(failed, "FailureTarget").getMessage()).isEqualTo(condition.getMessage());
        assertThat(failed.getStatus().getCompletionTime()).isNull();

        List<Pod> pods = emu.pods("default", "flaky");
        assertThat(pods).hasSize(3);
        // Re-creation waits the backoff after each failure, doubled each time: 200 ms, then 400 ms.
        // Lower bounds only (minus some watch jitter): a slow machine can only make the gaps longer.
        List<String> names = pods.stream().map(p -> p.getMetadata().getName()).toList();
        Duration firstGap = Duration.between(timeline.failed(names.get(0)), timeline.added(names.get(1)));
        Duration secondGap = Duration.between(timeline.failed(names.get(1)), timeline.added(names.get(2)));
        assertThat(firstGap).isGreaterThanOrEqualTo(BACKOFF.minusMillis(50));
        assertThat(secondGap).isGreaterThanOrEqualTo(BACKOFF.multipliedBy(2).minusMillis(50));
        ContainerStateTerminated terminated = pods.get(0).getStatus().getContainerStatuses().get(0).getState()
                .getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
    }

    @Test
    void perAttemptScriptsLetTheSecondPodSucceed() {
        emu.script("retry:1", attempt -> attempt == 0 ? ContainerScript.create().exit(1)
                : ContainerScript.create().log("ok").exit(0));
        client.batch().v1().jobs().resource(job("retry", "retry:1").editSpec().withBackoffLimit(1).endSpec()
                .build()).create();

        Job done = awaitCondition("retry", "Complete");

        assertThat(done.getStatus().getFailed()).isEqualTo(1);
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(emu.pods("default", "retry")).extracting(p -> p.getStatus().getPhase())
                .containsExactly("Failed", "Succeeded");
    }

    @Test
    void activeDeadlineFailsTheJobAndCountsTheKilledPodAsFailed() {
        emu.script("slow:1", ContainerScript.create().log("working").runForever());
        client.batch().v1().jobs().resource(job("slow", "slow:1").editSpec().withActiveDeadlineSeconds(1L)
                .withBackoffLimit(6).endSpec().build()).create();

        Job failed = awaitCondition("slow", "Failed");

        assertThat(condition(failed, "Failed").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(condition(failed, "Failed").getMessage()).isEqualTo("Job was active longer than specified deadline");
        assertThat(conditionTypes(failed)).containsExactly("FailureTarget", "Failed");
        assertThat(failed.getStatus().getFailed()).isEqualTo(1);
        assertThat(failed.getStatus().getActive()).isNull();
        // The pod was deleted: SIGTERM, exit 143, then it is gone once its finalizer was removed.
        await().atMost(Duration.ofSeconds(5)).until(() -> emu.pods("default", "slow").isEmpty());
    }

    @Test
    void oomKilledIsReportedEvenWhenThePodSaysSuccess() {
        emu.script("oom:1", ContainerScript.create().oomKilled());
        emu.script("oom0:1", ContainerScript.create().oomKilledWithExitCode(0));
        client.batch().v1().jobs().resource(job("oom", "oom:1").build()).create();
        client.batch().v1().jobs().resource(job("oomzero", "oom0:1").build()).create();

        awaitCondition("oom", "Failed");
        awaitCondition("oomzero", "Complete");

        ContainerStateTerminated oom = terminated(emu.pods("default", "oom").get(0));
        assertThat(oom.getReason()).isEqualTo("OOMKilled");
        assertThat(oom.getExitCode()).isEqualTo(137);
        Pod zero = emu.pods("default", "oomzero").get(0);
        assertThat(zero.getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(terminated(zero).getReason()).isEqualTo("OOMKilled");
        assertThat(terminated(zero).getExitCode()).isZero();
    }

    private Job awaitCondition(String name, String type) {
        await().atMost(Duration.ofSeconds(15)).until(() -> conditionTypes(TestJobs.get(client, name)).contains(type));
        return TestJobs.get(client, name);
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    }

    /** When a client watching the pods saw each of them appear and fail. */
    private static final class PodTimeline implements Watcher<Pod> {
        private final Map<String, Instant> added = new ConcurrentHashMap<>();
        private final Map<String, Instant> failed = new ConcurrentHashMap<>();

        @Override
        public void eventReceived(Action action, Pod pod) {
            Instant now = Instant.now();
            added.putIfAbsent(pod.getMetadata().getName(), now);
            if (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
                failed.putIfAbsent(pod.getMetadata().getName(), now);
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }

        Instant added(String pod) {
            return added.get(pod);
        }

        Instant failed(String pod) {
            return failed.get(pod);
        }
    }
}
