package io.jenkins.plugins.mlpipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the example trainer's own Python tests (examples/trainer/test_train.py) in the Maven build, so the README's
 * one test command covers them too. Skipped, saying so, on a machine without python3: the trainer is only needed
 * by the local demo and the examples, which use scripted containers in the other tests.
 */
class TrainerUnitTestsTest {

    private static final Path TRAINER = Path.of("..", "examples", "trainer").toAbsolutePath().normalize();

    @Test
    void theTrainersUnitTestsPass() throws Exception {
        assumeTrue(python3Available(), "python3 not found: examples/trainer tests skipped");
        Process process = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", TRAINER.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }

    private static boolean python3Available() throws InterruptedException {
        if (!Files.isRegularFile(TRAINER.resolve("train.py"))) {
            throw new AssertionError("examples/trainer/train.py not found at " + TRAINER);
        }
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
