package io.jenkins.plugins.mlpipeline.demo.report;

import io.jenkins.plugins.mlpipeline.registry.AliasChange;
import io.jenkins.plugins.mlpipeline.registry.Lineage;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run maps and model summaries shaped like the ones mlTrain and the registry return. */
final class ReportFixtures {

    static final String SHA_MODEL_1 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SHA_MODEL_2 = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    static final String SHA_RESULT = "aaaaaaaaaaaabbbbbbbbbbbbccccccccccccddddddddddddeeeeeeeeeeeeffff";
    static final String IMAGE_DIGEST = "registry.example.com/ml/trainer@sha256:"
            + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String GIT_COMMIT = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private ReportFixtures() {
    }

    /** A finished, successful run with a 20-epoch loss and accuracy series. */
    static Map<String, Object> run(String name, double lossScale, int build, String sha256, long modelSize) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", "ml/" + name);
        run.put("cloud", "kubernetes");
        run.put("namespace", "ml");
        run.put("name", name);
        run.put("uid", "uid-" + name);
        run.put("status", "SUCCEEDED");
        run.put("reason", "Complete");
        run.put("message", "Job " + name + " completed");
        List<Object> loss = new ArrayList<>();
        List<Object> accuracy = new ArrayList<>();
        for (int epoch = 0; epoch < 20; epoch++) {
            loss.add(new ArrayList<>(List.of((long) epoch, lossScale / (epoch + 1))));
            accuracy.add(new ArrayList<>(List.of((long) epoch, 0.5 + epoch * 0.02)));
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("loss", loss);
        series.put("accuracy", accuracy);
        run.put("series", series);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossScale / 20);
        metrics.put("accuracy", 0.88);
        run.put("metrics", metrics);
        run.put("imageDigest", IMAGE_DIGEST);
        run.put("startTime", "2025-01-31T12:00:00Z");
        run.put("endTime", "2025-01-31T12:02:03.500Z");
        run.put("durationSeconds", 123.5);
        run.put("attempts", 1);
        List<Object> outputs = new ArrayList<>();
        outputs.add(output("model.pkl", modelSize, sha256, "ml/" + name + "/model.pkl"));
        outputs.add(output("result.json", 96L, SHA_RESULT, "ml/" + name + "/result.json"));
        run.put("outputs", outputs);
        run.put("outputBytes", modelSize + 96L);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accuracy", 0.88);
        result.put("classes", new ArrayList<>(List.of("churn", "stay")));
        run.put("result", result);
        run.put("remoteModel", null);
        run.put("build", "churn/train#" + build);
        run.put("image", "registry.example.com/ml/trainer:1.4");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", 20);
        params.put("learning_rate", 0.05);
        params.put("version_tag", "1.10");
        run.put("params", params);
        run.put("inputs", new LinkedHashMap<>(Map.of("dataset", "s3://data/churn/v3")));
        run.put("gitCommit", GIT_COMMIT);
        run.put("cached", false);
        run.put("cachedFrom", null);
        run.put("cacheKey", null);
        return run;
    }

    static Map<String, Object> output(String path, long size, String sha256, String artifact) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("size", size);
        file.put("sha256", sha256);
        file.put("artifact", artifact);
        return file;
    }

    static List<Map<String, Object>> twoRuns() {
        Map<String, Object> second = run("churn-train-13-b7c2", 0.8, 13, SHA_MODEL_2, 1536L);
        second.put("cached", true);
        second.put("cachedFrom", "churn/train#12");
        return List.of(run("churn-train-12-a1f3", 1.2, 12, SHA_MODEL_1, 2_500_000L), second);
    }

    static ModelVersion version(int number, String build, String sha256, long size, double accuracy) {
        Lineage lineage = new Lineage("churn/train", Integer.parseInt(build.substring(build.indexOf('#') + 1)),
                "https://jenkins.example.com/job/churn/job/train/" + build.substring(build.indexOf('#') + 1) + "/",
                build, GIT_COMMIT, "registry.example.com/ml/trainer:1.4", IMAGE_DIGEST, "churn-train-" + number,
                Map.of("epochs", 20), Map.of("accuracy", accuracy), Map.of("dataset", "s3://data/churn/v3"), null);
        return new ModelVersion("churn", number, "2025-01-31T12:0" + number + ":00Z",
                List.of(new ModelFile("model.pkl", size, sha256, build, "ml/churn-train/model.pkl")), null, null,
                lineage, Map.of("owner", "data-team"), "alice");
    }

    static ModelSummary model() {
        return new ModelSummary("churn",
                List.of(version(1, "churn/train#12", SHA_MODEL_1, 2_500_000L, 0.875),
                        version(2, "churn/train#13", SHA_MODEL_2, 1536L, 0.9375)),
                Map.of("staging", 2, "production", 1),
                List.of(new AliasChange("staging", 1, null, "alice", "churn/train#12", "2025-01-31T12:01:30Z"),
                        new AliasChange("production", 1, null, "bob", "churn/deploy#4", "2025-01-31T12:05:00Z"),
                        new AliasChange("staging", 2, 1, null, "churn/train#13", "2025-02-01T08:00:00Z")),
                List.of());
    }
}
