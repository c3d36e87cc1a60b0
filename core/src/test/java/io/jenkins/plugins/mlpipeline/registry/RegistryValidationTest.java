package io.jenkins.plugins.mlpipeline.registry;

import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.SHA;
import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.file;
import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryValidationTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", ".", ".hidden", "a/b", "a\\b", "-x", "_x", "a b", "ü",
            "x123456789"
            + "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x"})
    void badModelNamesAreRefusedNamingThePattern(String model) {
        ModelRegistry registry = new ModelRegistry(root);

        assertThatThrownBy(() -> registry.register(request(model)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model: ")
                .hasMessageContaining("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
        assertThatThrownBy(() -> registry.version(model, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(root).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "churn", "Churn.v2", "9lives", "a_b-c.d",
            "x123456789"
            + "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789"})
    void goodModelNamesAreAccepted(String model) throws Exception {
        assertThat(new ModelRegistry(root).register(request(model)).model()).isEqualTo(model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "123", "1abc", "_x", "a/b", "a b", "prod!",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void badAliasesAreRefusedNamingThePattern(String alias) throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn"));

        assertThatThrownBy(() -> registry.promote("churn", 1, alias, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alias: ")
                .hasMessageContaining("[A-Za-z][A-Za-z0-9._-]{0,62}");
        assertThatThrownBy(() -> registry.register(request("churn", "b#1", alias, Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("alias: ");
        assertThat(registry.summary("churn").versions()).hasSize(1);
    }

    @Test
    void versionNumbersStartAtOne() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn"));

        assertThatThrownBy(() -> registry.version("churn", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("version: 0");
        assertThatThrownBy(() -> registry.promote("churn", -1, "production", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("version: -1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs/model.pt", "../model.pt", "a/../../b", "a//b", "./a", "a/.", "a\\b", "a/", "tab\t"})
    void filePathsMustBeRelativeWithoutDotSegments(String path) {
        NewVersion bad = new NewVersion("churn", List.of(file("ok.pt", "b#1"), file(path, "b#1")), null, null, null,
                null, null, null);

        assertThatThrownBy(() -> new ModelRegistry(root).register(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("files[1].path: ")
                .hasMessageContaining("relative path");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void fileEntriesAreChecked() {
        assertRefused(List.of(new ModelFile("m", 1, "ABC", "b#1", "m")), "files[0].sha256: 'ABC' is not a SHA-256");
        assertRefused(List.of(new ModelFile("m", 1, SHA.toUpperCase(), "b#1", "m")), "64 lowercase hex digits");
        assertRefused(List.of(new ModelFile("m", -1, SHA, "b#1", "m")), "files[0].size: -1 is negative");
        assertRefused(List.of(new ModelFile("m", 1, SHA, " ", "m")), "files[0].buildId: required");
        assertRefused(List.of(new ModelFile("m", 1, SHA, "b#1", "../m")), "files[0].artifactPath: '../m'");
        assertRefused(List.of(file("m", "b#1"), file("m", "b#2")), "files[1].path: 'm' is listed twice");
        assertRefused(java.util.Arrays.asList(file("m", "b#1"), null), "files[1]: must not be null");
    }

    private void assertRefused(List<ModelFile> files, String message) {
        NewVersion bad = new NewVersion("churn", files, null, null, null, null, null, null);
        assertThatThrownBy(() -> new ModelRegistry(root).register(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aVersionNeedsFilesOrAUri() {
        assertThatThrownBy(() -> new ModelRegistry(root).register(
                new NewVersion("churn", List.of(), null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("files/uri: a version needs 'files' or 'uri' (or both); model 'churn' got neither");
    }

    @Test
    void uriMustBeAbsoluteAndItsChecksumNeedsIt() {
        assertThatThrownBy(() -> new ModelRegistry(root).register(
                new NewVersion("churn", null, "bucket/model", null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uri: 'bucket/model'")
                .hasMessageContaining("s3://");
        assertThatThrownBy(() -> new ModelRegistry(root).register(
                new NewVersion("churn", null, "s3://b/m", "nope", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uriSha256: 'nope'");
        assertThatThrownBy(() -> new ModelRegistry(root).register(
                new NewVersion("churn", List.of(file("m", "b#1")), null, SHA, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("uriSha256: given without 'uri'");
    }

    @Test
    void freeFormValuesMustBePlainJson() {
        assertThatThrownBy(() -> request("churn", "b#1", null, Map.of("run", Map.of("seed", new Object()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadata.run.seed is a java.lang.Object; allowed: strings");
        assertThatThrownBy(() -> request("churn", "b#1", null, Map.of("loss", List.of(1.0, Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("metadata.loss[1] is NaN");
        assertThatThrownBy(() -> request("churn", "b#1", null, Map.of("m", Map.of(1, "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadata.m has the key 1, which is not a string");
        assertThatThrownBy(() -> new Lineage(null, null, null, null, null, null, null, null,
                Map.of("p", new StringBuilder[0]), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lineage.params.p is a");
        Map<String, Double> metrics = new java.util.HashMap<>();
        metrics.put("acc", null);
        assertThatThrownBy(() -> new Lineage(null, null, null, null, null, null, null, null, null, metrics, null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lineage.metrics: acc");
    }

    @Test
    void deeplyNestedOrCyclicValuesAreRefused() {
        Map<String, Object> cyclic = new java.util.HashMap<>();
        cyclic.put("self", cyclic);

        assertThatThrownBy(() -> request("churn", "b#1", null, cyclic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested more than 32 levels");
    }

    @Test
    void storedValuesCannotBeChangedThroughTheRecord() throws Exception {
        ModelVersion version = new ModelRegistry(root).register(request("churn", "b#1", null,
                Map.of("tags", List.of("a"))));

        assertThatThrownBy(() -> version.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> tags = (List<Object>) version.metadata().get("tags");
        assertThatThrownBy(() -> tags.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Files.readString(root.resolve("churn/versions/1.json"))).contains("\"tags\"");
    }
}
