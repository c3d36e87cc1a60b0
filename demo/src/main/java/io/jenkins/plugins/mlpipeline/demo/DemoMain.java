package io.jenkins.plugins.mlpipeline.demo;

import hudson.model.Result;
import io.jenkins.plugins.mlpipeline.demo.pipeline.BuildOptions;
import io.jenkins.plugins.mlpipeline.demo.pipeline.BuildResult;
import io.jenkins.plugins.mlpipeline.demo.pipeline.InputAnswer;
import io.jenkins.plugins.mlpipeline.demo.pipeline.PipelineHarness;
import io.jenkins.plugins.mlpipeline.demo.report.ReportWriter;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local demo: runs examples/Jenkinsfile twice, then the two other examples once each, with the Jenkinsfile
 * test harness (not Jenkins) against the emulated cluster, whose trainer image runs examples/trainer/train.py as a
 * local python3 process, then writes an HTML report. Flags (system properties): {@code demo.repo} (the repository root), {@code demo.approve} (answer to
 * the approval: true approves, false rejects; default true), {@code demo.output} (default
 * {@code <repo>/target/ml-demo}).
 *
 * <p>Exit codes: 0 every build ended as expected, 1 a build did not, 2 a prerequisite is missing.
 */
public final class DemoMain {

    static final String TRAINER_IMAGE = "registry.example.com/ml/trainer:1.0";
    static final String PYTHON_MISSING = "python3 not found: the demo runs examples/trainer/train.py as a local"
            + " process; install Python 3.9+";

    /** Run once each after the flagship; they need no approval. */
    static final List<String> OTHER_EXAMPLES = List.of("detached-sensor.Jenkinsfile",
            "hyperparameter-sweep.Jenkinsfile");

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("demo.repo", ".")).toAbsolutePath().normalize();
        boolean approve = Boolean.parseBoolean(System.getProperty("demo.approve", "true"));
        String output = System.getProperty("demo.output");
        Path out = output == null || output.isBlank() ? repo.resolve("target").resolve("ml-demo") : Path.of(output);
        System.exit(run(repo, approve, out, System.out));
    }

    static int run(Path repo, boolean approve, Path out, PrintStream console) throws Exception {
        if (!pythonAvailable()) {
            console.println(PYTHON_MISSING);
            return 2;
        }
        Path jenkinsfile = repo.resolve("examples").resolve("Jenkinsfile");
        Path trainer = repo.resolve("examples").resolve("trainer").resolve("train.py");
        for (Path required : List.of(jenkinsfile, trainer)) {
            if (!Files.isRegularFile(required)) {
                console.println(required + " not found: run the demo from the repository root (or set -Ddemo.repo)");
                return 2;
            }
        }
        List<BuildResult> builds = new ArrayList<>();
        List<BuildResult> others = new ArrayList<>();
        List<ModelSummary> models = new ArrayList<>();
        try (ClusterEmulator emu = PipelineHarness.exampleCluster().build()) {
            // The image's entrypoint is `python3 /app/train.py` (see examples/trainer/Dockerfile); here it is the
            // trainer of this checkout, run as a local process with the Job's args.
            emu.script(TRAINER_IMAGE, ContainerScript.localProcess(List.of("python3", trainer.toString())));
            try (PipelineHarness harness = new PipelineHarness(emu, out.resolve("home"), console)) {
                InputAnswer answer = approve ? InputAnswer.approve("demo-approver") : InputAnswer.reject("demo-approver");
                for (int i = 1; i <= 2; i++) {
                    banner(console, "Build " + i + " of examples/Jenkinsfile (approval answered: "
                            + (approve ? "approve" : "reject") + ")");
                    builds.add(harness.run("churn", jenkinsfile, BuildOptions.defaults().startedBy("demo")
                            .answerInputs(answer)));
                }
                for (String example : OTHER_EXAMPLES) {
                    banner(console, "examples/" + example);
                    String job = example.substring(0, example.indexOf('.'));
                    others.add(harness.run(job, repo.resolve("examples").resolve(example),
                            BuildOptions.defaults().startedBy("demo").answerInputs(answer)));
                }
                for (String model : harness.registry().models()) {
                    models.add(harness.registry().summary(model));
                }
            }
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        builds.forEach(b -> runs.addAll(b.trainingRuns()));
        others.forEach(b -> runs.addAll(b.trainingRuns()));
        Path report = out.resolve("report.html");
        ReportWriter.write(report, "ML Pipeline Steps: local demo of the examples", runs, models);
        banner(console, "Summary");
        builds.forEach(b -> console.println(b.id() + ": " + b.result()));
        others.forEach(b -> console.println(b.id() + ": " + b.result()));
        models.forEach(m -> console.println("model " + m.model() + ": " + m.versions().size() + " version(s), aliases "
                + m.aliases()));
        console.println("Report: " + report.toAbsolutePath());
        Result expected = approve ? Result.SUCCESS : Result.ABORTED;
        return builds.stream().allMatch(b -> b.result() == expected)
                && others.stream().allMatch(b -> b.result() == Result.SUCCESS) ? 0 : 1;
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void banner(PrintStream console, String title) {
        console.println();
        console.println("==== " + title + " ====");
    }
}
