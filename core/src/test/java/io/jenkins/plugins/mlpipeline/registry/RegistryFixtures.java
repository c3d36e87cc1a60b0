package io.jenkins.plugins.mlpipeline.registry;

import java.util.List;
import java.util.Map;

/** Small builders for registry tests. */
final class RegistryFixtures {

    static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private RegistryFixtures() {
    }

    static ModelFile file(String path, String buildId) {
        return new ModelFile(path, 42, SHA, buildId, "out/" + path);
    }

    static Lineage lineage(String buildId) {
        return new Lineage("team/train", 7, "https://ci/job/team/job/train/7/", buildId, "abc123", "trainer:1",
                "sha256:" + SHA, "train-7-step-3", Map.of("lr", 0.01), Map.of("acc", 0.9), Map.of("data", "s3://d/1"),
                null);
    }

    /** A version with one file held by {@code buildId}. */
    static NewVersion request(String model, String buildId, String alias, Map<String, Object> metadata) {
        return new NewVersion(model, List.of(file("model.pt", buildId)), null, null, lineage(buildId), metadata,
                alias, "alice");
    }

    static NewVersion request(String model) {
        return request(model, "team/train#7", null, Map.of());
    }
}
