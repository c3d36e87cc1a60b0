package io.jenkins.plugins.mlpipeline.demo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimal Jenkinsfile on the README's first screen runs as written. */
class ReadmeSnippetTest {

    private static final Pattern GROOVY_BLOCK = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path home;
    ClusterEmulator emu;
    PipelineHarness harness;

    @BeforeEach
    void start() throws Exception {
        emu = PipelineHarness.exampleCluster().build();
        harness = new PipelineHarness(emu, home, null);
    }

    @AfterEach
    void stop() {
        harness.close();
        emu.close();
    }

    @Test
    void theReadmeJenkinsfileTrainsAndRegisters() throws Exception {
        Matcher block = GROOVY_BLOCK.matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(block.find()).as("README.md has a ```groovy block").isTrue();
        emu.script(ScriptedTrainer.IMAGE, ScriptedTrainer.reaching(0.91, 3, Duration.ofMillis(50)));

        BuildResult build = harness.run("readme", "README.md", block.group(1), BuildOptions.defaults());

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(build.log()).contains("val_accuracy 0.91");
        assertThat(harness.registry().summary("churn").aliases()).containsEntry("staging", 1);
    }
}
