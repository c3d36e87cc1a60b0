package io.jenkins.plugins.mlpipeline.launch;

import static io.jenkins.plugins.mlpipeline.launch.LaunchFixtures.rendered;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.testkit.CrudMockServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

/** Finalizer release and cancel against the CRUD mock; propagation to pods is covered with the emulator. */
@ExtendWith(CrudMockServerExtension.class)
class JobFinalizersAndCancelTest {

    static {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    KubernetesMockServer server;
    KubernetesClient client;

    private RunRef create(String name, List<String> finalizers) {
        Job job = new JobBuilder(rendered(name, "run#1/step-1")).editMetadata().withFinalizers(finalizers).endMetadata().build();
        return new JobLauncher(client).launch(job).ref();
    }

    private List<String> finalizers(String name) {
        return client.batch().v1().jobs().inNamespace("ml").withName(name).get().getMetadata().getFinalizers();
    }

    @Test
    void releaseRemovesOnlyOurFinalizer() {
        RunRef ref = create("train-f1", List.of("example.com/keep", JobLabels.OUTCOME_FINALIZER, "example.com/also"));
        assertThat(JobFinalizers.release(client, ref)).isTrue();
        assertThat(finalizers("train-f1")).containsExactly("example.com/keep", "example.com/also");
        assertThat(JobFinalizers.release(client, ref)).as("second release is a no-op").isFalse();
    }

    @Test
    void releaseOfAMissingJobOrAnotherUidIsANoOp() {
        assertThat(JobFinalizers.release(client, new RunRef("ml", "nothing-here", null))).isFalse();
        RunRef ref = create("train-f2", List.of(JobLabels.OUTCOME_FINALIZER));
        assertThat(JobFinalizers.release(client, ref.withUid("another-uid"))).isFalse();
        assertThat(finalizers("train-f2")).containsExactly(JobLabels.OUTCOME_FINALIZER);
    }

    @Test
    void cancelDeletesTheJobAndIsIdempotent() throws Exception {
        RunRef ref = create("train-c1", List.of(JobLabels.OUTCOME_FINALIZER));
        JobCanceller canceller = new JobCanceller(client);
        JobCanceller.CancelResult first = canceller.cancel(ref, Duration.ofSeconds(2));
        assertThat(first.jobFound()).isTrue();
        assertThat(first.podsRemaining()).isZero();
        assertThat(client.batch().v1().jobs().inNamespace("ml").withName("train-c1").get()).isNull();
        JobCanceller.CancelResult again = canceller.cancel(ref, Duration.ofSeconds(2));
        assertThat(again.jobFound()).isFalse();
        assertThat(again.describe()).contains("already gone");
    }

    @Test
    void cancelNeverTouchesAJobWithAnotherUid() throws Exception {
        RunRef ref = create("train-c2", List.of(JobLabels.OUTCOME_FINALIZER));
        JobCanceller.CancelResult result = new JobCanceller(client).cancel(ref.withUid("stale-uid"), Duration.ZERO);
        assertThat(result.jobFound()).isFalse();
        assertThat(client.batch().v1().jobs().inNamespace("ml").withName("train-c2").get()).isNotNull();
    }
}
