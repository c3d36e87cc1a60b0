package io.jenkins.plugins.mlpipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** mlSensor may follow any Job by name, also one this plugin did not launch (no managed-by label, no finalizer). */
class EngineForeignJobTest {

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

    private RunRef createForeignJob(String name, String image, int backoffLimit) {
        Job job = h.emu.client().batch().v1().jobs().inNamespace(EngineHarness.NS).resource(new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withBackoffLimit(backoffLimit).withNewTemplate().withNewSpec().addNewContainer()
                .withName("trainer").withImage(image).endContainer().withRestartPolicy("Never").endSpec().endTemplate()
                .endSpec().build()).create();
        return new RunRef(EngineHarness.NS, name, null);
    }

    @Test
    void aJobLaunchedElsewhereIsFollowedToSuccessWithItsLogs() throws Exception {
        h.emu.script("external:1", ContainerScript.create().log("nightly batch").log("{\"rows\": 1200}").exit(0));
        RunRef ref = createForeignJob("nightly-etl", "external:1", 0);
        CollectingObserver observer = new CollectingObserver();
        engine.follow(ref, LogPosition.START, observer);
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(observer.containerLines()).containsExactly("nightly batch", "{\"rows\": 1200}");
        assertThat(result.metrics().latest()).containsEntry("rows", 1200.0);
        assertThat(result.ref().uid()).isNotBlank();
    }

    @Test
    void aFailingForeignJobFailsWithItsExitCode() throws Exception {
        h.emu.script("external:2", ContainerScript.create().log("boom").exit(4));
        RunRef ref = createForeignJob("nightly-bad", "external:2", 0);
        CollectingObserver observer = new CollectingObserver();
        engine.follow(ref, LogPosition.START, observer);
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(result.verdict().message()).contains("exited with code 4", "boom");
    }

    @Test
    void aForeignJobDeletedWhileFollowedIsCancelled() throws Exception {
        h.emu.script("external:3", ContainerScript.create().log("working").runForever());
        RunRef ref = createForeignJob("nightly-long", "external:3", 0);
        CollectingObserver observer = new CollectingObserver();
        RunFollow follow = engine.follow(ref, LogPosition.START, observer);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> follow.lastVerdict().phase() == RunPhase.RUNNING);
        h.emu.client().batch().v1().jobs().inNamespace(EngineHarness.NS).withName("nightly-long").delete();
        RunResult result = observer.await(Duration.ofSeconds(30));
        assertThat(result.verdict().phase()).isEqualTo(RunPhase.CANCELLED);
    }
}
