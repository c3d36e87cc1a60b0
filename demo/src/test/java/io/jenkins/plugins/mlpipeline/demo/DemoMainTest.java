package io.jenkins.plugins.mlpipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local demo end to end with the real trainer (examples/trainer/train.py) as a local process. */
class DemoMainTest {

    @TempDir
    Path out;

    @Test
    void runsEveryExampleWithTheRealTrainerAndWritesTheReport() throws Exception {
        assumeTrue(python3Found(), "python3 not found");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit = DemoMain.run(Path.of("..").toAbsolutePath().normalize(), true, out,
                new PrintStream(console, true, StandardCharsets.UTF_8));

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("training logistic regression: lr=0.05 epochs=20 batch_size=64",
                "{\"epoch\": 20, ", "Registered churn version 1 as staging", "production: version none -> 1",
                "reused from churn#1", "churn#1: SUCCESS", "churn#2: SUCCESS", "detached-sensor#1: SUCCESS",
                "hyperparameter-sweep#1: SUCCESS");
        Path report = out.resolve("report.html");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("<svg", "churn", "churn-sweep");
        assertThat(out.resolve("home").resolve("jobs").resolve("churn").resolve("builds").resolve("1")
                .resolve("archive")).isDirectory();
    }

    private static boolean python3Found() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
