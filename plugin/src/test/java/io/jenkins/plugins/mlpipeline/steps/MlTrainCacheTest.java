package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mlTrain(cache: true): hit, miss, deleted build, identical runs at once, a failed owner. */
class MlTrainCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private StepHarness h;

    @BeforeEach
    void start() {
        h = new StepHarness();
        h.emu.script(StepHarness.SIDECAR_IMAGE, ContainerScript.create().waitForSignal());
        h.emu.script("trainer:1", ContainerScript.create().log("{\"loss\": 0.5}")
                .writeFile("/ml/outputs/model.bin", "weights").exit(0));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static MlTrainStep step(Object lr) {
        MlTrainStep step = new MlTrainStep("trainer:1");
        step.setName("train");
        step.setCommand(List.of("python", "train.py"));
        step.setOutputs("/ml/outputs");
        step.setParams(Map.of("lr", lr));
        step.setInputs(Map.of("dataset", "s3://data/v3"));
        step.setCache(true);
        return step;
    }

    private static TestStepContext.Build launch(MlTrainStep step, TestStepContext.Build build) throws Exception {
        assertThat(step.start(new TestStepContext(build)).start()).isFalse();
        return build;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(TestStepContext.Build build) throws Exception {
        return (Map<String, Object>) build.awaitResult(WAIT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIdenticalRunReusesTheFirstOneWithoutLaunching() throws Exception {
        TestStepContext.Build first = launch(step(0.1), h.newBuild());
        Map<String, Object> trained = result(first);
        assertThat(trained.get("cached")).isEqualTo(false);
        assertThat(first.log()).contains("[ml] cache miss (key " + ((String) trained.get("cacheKey")).substring(0, 12));

        TestStepContext.Build second = launch(step(0.1), h.newBuild());
        Map<String, Object> reused = result(second);
        assertThat(reused).containsKeys(RunMaps.KEYS);
        assertThat(reused.get("cached")).isEqualTo(true);
        assertThat(reused.get("cachedFrom")).isEqualTo(first.run.getExternalizableId());
        assertThat(reused.get("build")).isEqualTo(second.run.getExternalizableId());
        assertThat(reused.get("cacheKey")).isEqualTo(trained.get("cacheKey"));
        assertThat(reused.get("name")).isEqualTo(trained.get("name"));
        assertThat((Map<String, Object>) reused.get("metrics")).containsEntry("loss", 0.5);
        assertThat(h.jobs()).as("no second Job").hasSize(1);
        String artifact = (String) ((List<Map<String, Object>>) reused.get("outputs")).get(0).get("artifact");
        try (InputStream in = h.artifacts.open(second.run, artifact)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .as("the files are re-archived into the build that reused them").isEqualTo("weights");
        }
        assertThat(second.log()).contains("[ml] cache hit").contains("no Kubernetes Job launched");
    }

    @Test
    void anyChangeInTheKeyTrainsAgain() throws Exception {
        result(launch(step(0.1), h.newBuild()));
        Map<String, Object> other = result(launch(step(0.2), h.newBuild()));
        assertThat(other.get("cached")).isEqualTo(false);
        MlTrainStep newVersion = step(0.1);
        newVersion.setCacheVersion("data-fixed");
        assertThat(result(launch(newVersion, h.newBuild())).get("cached")).isEqualTo(false);
        assertThat(h.jobs()).hasSize(3);
    }

    @Test
    void anEntryWhoseBuildWasDeletedIsAMiss() throws Exception {
        TestStepContext.Build first = launch(step(0.1), h.newBuild());
        result(first);
        h.artifacts.builds.remove(first.run.getExternalizableId());
        Map<String, Object> again = result(launch(step(0.1), h.newBuild()));
        assertThat(again.get("cached")).isEqualTo(false);
        assertThat(h.jobs()).hasSize(2);
    }

    @Test
    void aHitInABuildThisOneMayNotReadTrainsInsteadAndKeepsTheEntry() throws Exception {
        TestStepContext.Build first = launch(step(0.1), h.newBuild());
        result(first);
        h.artifacts.unreadable.add(first.run.getExternalizableId());
        TestStepContext.Build second = launch(step(0.1), h.newBuild());
        assertThat(result(second).get("cached")).isEqualTo(false);
        assertThat(second.log()).contains("which this build may not read; training instead");
        h.artifacts.unreadable.clear();
        Map<String, Object> third = result(launch(step(0.1), h.newBuild()));
        assertThat(third.get("cached")).as("the entry was not evicted").isEqualTo(true);
        assertThat(third.get("cachedFrom")).isEqualTo(first.run.getExternalizableId());
    }

    @Test
    void identicalRunsAtOnceTrainOnce() throws Exception {
        h.emu.script("trainer:1", ContainerScript.create().sleep(Duration.ofMillis(1500))
                .writeFile("/ml/outputs/model.bin", "weights").exit(0));
        TestStepContext.Build first = launch(step(0.1), h.newBuild());
        await().atMost(WAIT).until(() -> first.log().contains("cache miss"));
        TestStepContext.Build second = launch(step(0.1), h.newBuild());
        await().atMost(WAIT).until(() -> second.log().contains("an identical run is in progress"));
        assertThat(result(first).get("cached")).isEqualTo(false);
        Map<String, Object> reused = result(second);
        assertThat(reused.get("cached")).isEqualTo(true);
        assertThat(reused.get("cachedFrom")).isEqualTo(first.run.getExternalizableId());
        assertThat(h.jobs()).hasSize(1);
    }

    @Test
    void whenTheFirstRunFailsTheWaitingOneTrains() throws Exception {
        h.emu.script("trainer:1", attempt -> ContainerScript.create().sleep(Duration.ofMillis(1000)).exit(1));
        TestStepContext.Build first = launch(step(0.1), h.newBuild());
        await().atMost(WAIT).until(() -> first.log().contains("cache miss"));
        TestStepContext.Build second = launch(step(0.1), h.newBuild());
        await().atMost(WAIT).until(() -> second.log().contains("an identical run is in progress"));
        assertThat(first.awaitFailure(WAIT)).hasMessageContaining("exited with code 1");
        assertThat(second.awaitFailure(WAIT)).hasMessageContaining("exited with code 1");
        assertThat(second.log()).contains("cache miss");
        assertThat(h.jobs()).as("the waiting run trained itself after the first failed").hasSize(2);
    }
}
