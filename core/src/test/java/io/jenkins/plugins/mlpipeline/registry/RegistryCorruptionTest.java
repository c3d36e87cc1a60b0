package io.jenkins.plugins.mlpipeline.registry;

import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A damaged file is reported by name, never rewritten, and never hides the rest of the registry. */
class RegistryCorruptionTest {

    @TempDir
    Path root;

    private ModelRegistry registry;

    @BeforeEach
    void threeVersionsAndAnAlias() throws Exception {
        registry = new ModelRegistry(root);
        registry.register(request("churn", "train#1", null, Map.of()));
        registry.register(request("churn", "train#2", "staging", Map.of()));
        registry.register(request("churn", "train#3", null, Map.of()));
        registry.register(request("fraud", "fraud#1", "production", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "empty", "null", "not json", "wrong number", "wrong model", "no files"})
    void aDamagedVersionIsNamedAndTheOthersStayReadable(String damage) throws Exception {
        Path file = root.resolve("churn/versions/2.json");
        String original = Files.readString(file);
        String damaged = switch (damage) {
            case "truncated" -> original.substring(0, original.length() / 2);
            case "empty" -> "";
            case "null" -> "null";
            case "not json" -> "version two";
            case "wrong number" -> original.replace("\"version\" : 2", "\"version\" : 3");
            case "wrong model" -> original.replace("\"model\" : \"churn\"", "\"model\" : \"fraud\"");
            case "no files" -> original.replaceAll("(?s)\"files\" : \\[.*?\\],", "\"files\" : [],");
            default -> throw new AssertionError(damage);
        };
        assertThat(damaged).isNotEqualTo(original);
        Files.writeString(file, damaged);

        assertThatThrownBy(() -> registry.version("churn", 2))
                .isInstanceOf(CorruptRegistryFileException.class)
                .hasMessageStartingWith("Model registry file " + file + " is unreadable: ")
                .hasMessageContaining("Restore it from a backup")
                .satisfies(e -> assertThat(((CorruptRegistryFileException) e).getFile()).isEqualTo(file));
        assertThatThrownBy(() -> registry.resolve("churn", "staging", null))
                .isInstanceOf(CorruptRegistryFileException.class);
        assertThatThrownBy(() -> registry.buildsHeldByAliases()).isInstanceOf(CorruptRegistryFileException.class);
        assertThat(registry.version("churn", 1).version()).isEqualTo(1);
        assertThat(registry.version("churn", 3).version()).isEqualTo(3);

        ModelSummary summary = registry.summary("churn");
        assertThat(summary.versions()).extracting(ModelVersion::version).containsExactly(1, 3);
        assertThat(summary.aliases()).containsEntry("staging", 2);
        assertThat(summary.history()).hasSize(1);
        assertThat(summary.problems()).singleElement().asString().contains(file.toString());

        // The damaged version keeps its number, and its file is left alone.
        assertThat(registry.register(request("churn")).version()).isEqualTo(4);
        assertThat(Files.readString(file)).isEqualTo(damaged);
    }

    @Test
    void aDamagedAliasesFileBlocksChangesToThatModelOnlyAndIsNeverOverwritten() throws Exception {
        Path file = root.resolve("churn/aliases.json");
        Files.writeString(file, "{\"staging\": 2, \"produ");

        assertThatThrownBy(() -> registry.register(request("churn", "train#9", "production", Map.of())))
                .isInstanceOf(CorruptRegistryFileException.class)
                .hasMessageStartingWith("Model registry file " + file + " is unreadable: ")
                .hasMessageContaining("registering and promoting in model 'churn' are refused");
        assertThatThrownBy(() -> registry.register(request("churn")))
                .isInstanceOf(CorruptRegistryFileException.class);
        assertThatThrownBy(() -> registry.promote("churn", 1, "staging", null, null))
                .isInstanceOf(CorruptRegistryFileException.class);
        assertThatThrownBy(() -> registry.resolve("churn", "staging", null))
                .isInstanceOf(CorruptRegistryFileException.class);
        assertThatThrownBy(() -> registry.buildsHeldByAliases()).isInstanceOf(CorruptRegistryFileException.class);

        assertThat(Files.readString(file)).isEqualTo("{\"staging\": 2, \"produ");
        assertThat(registry.summary("churn").versions()).hasSize(3);
        assertThat(registry.resolve("churn", null, 2).version()).isEqualTo(2);
        assertThat(registry.summary("churn").problems()).singleElement().asString().contains(file.toString());
        assertThat(registry.models()).containsExactly("churn", "fraud");
        assertThat(registry.register(request("fraud")).version()).isEqualTo(2);
        assertThat(registry.promote("fraud", 2, "production", null, null).previousVersion()).isEqualTo(1);

        // Once repaired, the model takes changes again (the failed calls released its lock), from any thread.
        Files.writeString(file, "{\"staging\": 2}");
        java.util.concurrent.CompletableFuture<ModelVersion> elsewhere = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return registry.register(request("churn", "train#9", "production", Map.of()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(elsewhere.get(30, java.util.concurrent.TimeUnit.SECONDS).version()).isEqualTo(4);
        assertThat(registry.summary("churn").aliases()).containsEntry("production", 4).containsEntry("staging", 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"staging\": 0}", "{\"staging\": null}", "{\"123\": 1}", "{\"staging\": \"two\"}",
            "[1, 2]", "null"})
    void aliasesThatBreakTheRulesAreDamage(String content) throws Exception {
        Path file = root.resolve("churn/aliases.json");
        Files.writeString(file, content);

        assertThatThrownBy(() -> registry.resolve("churn", "staging", null))
                .isInstanceOf(CorruptRegistryFileException.class).hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void aDamagedHistoryBlocksPromotionsAndIsListed() throws Exception {
        Path file = root.resolve("churn/history.json");
        Files.writeString(file, "[{\"alias\": \"staging\", \"version\": 2,");

        assertThatThrownBy(() -> registry.promote("churn", 3, "staging", null, null))
                .isInstanceOf(CorruptRegistryFileException.class)
                .hasMessageStartingWith("Model registry file " + file + " is unreadable: ")
                .hasMessageContaining("no audit entry is lost");
        assertThat(registry.resolve("churn", "staging", null).version()).isEqualTo(2);

        ModelSummary summary = registry.summary("churn");
        assertThat(summary.history()).isEmpty();
        assertThat(summary.aliases()).containsEntry("staging", 2);
        assertThat(summary.problems()).singleElement().asString().contains(file.toString());
        assertThat(Files.readString(file)).isEqualTo("[{\"alias\": \"staging\", \"version\": 2,");
    }

    @Test
    void aHistoryEntryWithoutVersionIsDamage() throws Exception {
        Path file = root.resolve("churn/history.json");
        Files.writeString(file, "[{\"alias\": \"staging\"}]");

        assertThat(registry.summary("churn").problems()).singleElement().asString().contains(file.toString());
        assertThatThrownBy(() -> registry.promote("churn", 1, "staging", null, null))
                .isInstanceOf(CorruptRegistryFileException.class);
    }

    @Test
    void summaryReportsAnAliasToAMissingVersion() throws Exception {
        Files.writeString(root.resolve("churn/aliases.json"), "{\"staging\": 2, \"ghost\": 9}");

        assertThat(registry.summary("churn").problems()).singleElement().asString()
                .contains("alias 'ghost' points to version 9, which does not exist");
        assertThat(registry.buildsHeldByAliases()).contains("train#2").doesNotContain("train#9");
    }

    @Test
    void everyDamagedFileOfAModelIsListedOnce() throws Exception {
        Files.writeString(root.resolve("churn/versions/1.json"), "{");
        Files.writeString(root.resolve("churn/versions/3.json"), "");
        Files.writeString(root.resolve("churn/aliases.json"), "x");
        Files.writeString(root.resolve("churn/history.json"), "x");

        ModelSummary summary = registry.summary("churn");

        assertThat(summary.versions()).extracting(ModelVersion::version).containsExactly(2);
        assertThat(summary.problems()).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("versions/1.json"))
                .anySatisfy(p -> assertThat(p).contains("versions/3.json").contains("it is empty"))
                .anySatisfy(p -> assertThat(p).contains("aliases.json"))
                .anySatisfy(p -> assertThat(p).contains("history.json"));
        assertThat(registry.models()).contains("churn");
        assertThat(registry.summary("fraud").problems()).isEmpty();
    }
}
