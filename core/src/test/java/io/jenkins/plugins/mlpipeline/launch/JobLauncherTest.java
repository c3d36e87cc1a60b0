package io.jenkins.plugins.mlpipeline.launch;

import static io.jenkins.plugins.mlpipeline.launch.LaunchFixtures.rendered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.testkit.CrudMockServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@ExtendWith(CrudMockServerExtension.class)
class JobLauncherTest {

    static {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    KubernetesMockServer server;
    KubernetesClient client;

    private int jobsInNamespace() {
        return client.batch().v1().jobs().inNamespace("ml").list().getItems().size();
    }

    @Test
    void createsTheJob() {
        LaunchResult result = new JobLauncher(client).launch(rendered("train-a", "folder/job#42/step-7"));
        assertThat(result.adopted()).isFalse();
        assertThat(result.ref().uid()).isNotBlank();
        assertThat(client.batch().v1().jobs().inNamespace("ml").withName("train-a").get().getMetadata().getUid())
                .isEqualTo(result.ref().uid());
    }

    @Test
    void secondLaunchOfTheSameRunAdoptsInsteadOfCreating() {
        JobLauncher launcher = new JobLauncher(client);
        LaunchResult first = launcher.launch(rendered("train-b", "folder/job#42/step-7"));
        LaunchResult again = launcher.launch(rendered("train-b", "folder/job#42/step-7"));
        assertThat(again.adopted()).isTrue();
        assertThat(again.ref()).isEqualTo(first.ref());
        assertThat(jobsInNamespace()).isEqualTo(1);
    }

    @Test
    void concurrentLaunchesOfOneRunMakeOneJob() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LaunchResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<LaunchResult> call = () -> new JobLauncher(client).launch(rendered("train-c", "job#1/step-1"));
                results.add(pool.submit(call));
            }
            String uid = null;
            int created = 0;
            for (Future<LaunchResult> f : results) {
                LaunchResult r = f.get();
                created += r.adopted() ? 0 : 1;
                uid = uid == null ? r.ref().uid() : uid;
                assertThat(r.ref().uid()).isEqualTo(uid);
            }
            assertThat(created).isEqualTo(1);
            assertThat(jobsInNamespace()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJobOfAnotherRunIsNeverAdopted() {
        new JobLauncher(client).launch(rendered("train-d", "other-job#3/step-2"));
        assertThatThrownBy(() -> new JobLauncher(client).launch(rendered("train-d", "folder/job#42/step-7")))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("ml/train-d")
                .hasMessageContaining("other-job#3/step-2")
                .hasMessageContaining("left untouched");
        assertThat(client.batch().v1().jobs().inNamespace("ml").withName("train-d").get().getMetadata().getAnnotations())
                .containsEntry(JobLabels.RUN_ID, "other-job#3/step-2");
    }

    @Test
    void forbiddenExplainsTheRbacNeeded() {
        server.expect().post().withPath("/apis/batch/v1/namespaces/ml/jobs")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("jobs.batch is forbidden: User \"system:serviceaccount:ci:jenkins\" cannot create resource")
                        .build())
                .once();
        assertThatThrownBy(() -> new JobLauncher(client).launch(rendered("train-e", "x#1/step-1")))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("Not allowed to create Jobs in namespace ml")
                .hasMessageContaining("cannot create resource")
                .hasMessageContaining("docs/operations.md");
    }

    @Test
    void invalidJobCarriesTheServerMessage() {
        server.expect().post().withPath("/apis/batch/v1/namespaces/ml/jobs")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage("Job.batch \"train-f\" is invalid: spec.template.spec.containers[0].image: Required value")
                        .build())
                .once();
        assertThatThrownBy(() -> new JobLauncher(client).launch(rendered("train-f", "x#1/step-1")))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("rejected Job ml/train-f as invalid")
                .hasMessageContaining("image: Required value");
    }

    @Test
    void aJobWithoutIdentityIsRejectedBeforeAnyRequest() {
        var job = rendered("train-g", "x");
        job.getMetadata().setAnnotations(null);
        assertThatThrownBy(() -> new JobLauncher(client).launch(job)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(JobLabels.RUN_ID);
        assertThat(jobsInNamespace()).isZero();
    }
}
