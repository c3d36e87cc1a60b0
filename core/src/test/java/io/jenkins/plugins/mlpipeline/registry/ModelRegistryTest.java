package io.jenkins.plugins.mlpipeline.registry;

import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.SHA;
import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.file;
import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.lineage;
import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path root;

    @Test
    void versionsAreNumberedFromOnePerModel() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);

        assertThat(registry.register(request("churn")).version()).isEqualTo(1);
        assertThat(registry.register(request("churn")).version()).isEqualTo(2);
        assertThat(registry.register(request("fraud")).version()).isEqualTo(1);
        assertThat(registry.register(request("churn")).version()).isEqualTo(3);

        assertThat(registry.models()).containsExactly("churn", "fraud");
        assertThat(Files.list(root.resolve("churn/versions")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("1.json", "2.json", "3.json");
    }

    @Test
    void aVersionReadsBackAsRegisteredInAnotherInstance() throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("framework", new StringBuilder("torch")); // any CharSequence, as a Groovy GString
        metadata.put("layers", List.of(64, 32));
        metadata.put("nested", Map.of("seed", 7L, "note", "x"));
        metadata.put("none", null);
        NewVersion request = new NewVersion("churn", List.of(file("model.pt", "team/train#7"),
                file("sub/vocab.txt", "team/train#5")), "s3://bucket/churn/", SHA, lineage("team/train#7"),
                metadata, null, "alice");
        Instant before = Instant.now();

        ModelVersion registered = new ModelRegistry(root).register(request);
        ModelVersion read = new ModelRegistry(root).version("churn", 1);

        assertThat(read).isEqualTo(registered);
        assertThat(read.files()).extracting(ModelFile::path).containsExactly("model.pt", "sub/vocab.txt");
        assertThat(read.uri()).isEqualTo("s3://bucket/churn/");
        assertThat(read.lineage()).isEqualTo(lineage("team/train#7"));
        assertThat(read.metadata()).containsEntry("framework", "torch").containsEntry("none", null)
                .containsEntry("layers", List.of(64, 32));
        assertThat(read.user()).isEqualTo("alice");
        assertThat(Instant.parse(read.created())).isAfterOrEqualTo(before.minusSeconds(1));
    }

    @Test
    void toMapIsAPlainMutableCopyWithTheDocumentedKeys() throws Exception {
        ModelVersion version = new ModelRegistry(root).register(request("churn", "team/train#7", null,
                Map.of("tags", List.of("a"))));

        Map<String, Object> map = version.toMap();

        assertThat(map).containsOnlyKeys("model", "version", "created", "files", "uri", "uriSha256", "lineage",
                "metadata", "user");
        assertThat(map.get("version")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> lineage = (Map<String, Object>) map.get("lineage");
        assertThat(lineage).containsOnlyKeys("job", "buildNumber", "buildUrl", "buildId", "gitCommit", "image",
                "imageDigest", "runName", "params", "metrics", "inputs", "cacheKey");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) map.get("files");
        assertThat(files.get(0)).containsEntry("path", "model.pt").containsEntry("size", 42L)
                .containsEntry("buildId", "team/train#7").containsEntry("artifactPath", "out/model.pt");
        @SuppressWarnings("unchecked")
        List<Object> tags = (List<Object>) ((Map<String, Object>) map.get("metadata")).get("tags");
        tags.add("changed by a script");
        files.clear();
        assertThat(version.metadata().get("tags")).isEqualTo(List.of("a"));
        assertThat(version.files()).hasSize(1);
        assertThat(map.get("metadata")).isInstanceOf(LinkedHashMap.class);
        assertThat(tags).isInstanceOf(ArrayList.class);
    }

    @Test
    void registerWithAliasMovesItAndRecordsWhoDidIt() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn", "team/train#1", "staging", Map.of()));
        registry.register(request("churn", "team/train#2", "staging", Map.of()));

        ModelSummary summary = registry.summary("churn");

        assertThat(summary.aliases()).containsExactly(Map.entry("staging", 2));
        assertThat(summary.history()).extracting(AliasChange::version, AliasChange::previousVersion,
                        AliasChange::user, AliasChange::build)
                .containsExactly(tuple(1, null, "alice", "team/train#1"),
                        tuple(2, 1, "alice", "team/train#2"));
        assertThat(summary.problems()).isEmpty();
    }

    @Test
    void resolveFindsAVersionByAliasOrNumber() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn"));
        registry.register(request("churn"));
        registry.promote("churn", 1, "production", "bob", "deploy#3");

        assertThat(registry.resolve("churn", "production", null).version()).isEqualTo(1);
        assertThat(registry.resolve("churn", null, 2).version()).isEqualTo(2);
    }

    @Test
    void resolveNeedsExactlyOneOfAliasAndVersion() {
        ModelRegistry registry = new ModelRegistry(root);

        assertThatThrownBy(() -> registry.resolve("churn", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'alias'")
                .hasMessageContaining("'version'");
        assertThatThrownBy(() -> registry.resolve("churn", "production", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one")
                .hasMessageContaining("alias='production', version=2");
    }

    @Test
    void unknownAliasVersionOrModelNamesWhatExists() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        for (int i = 0; i < 5; i++) {
            registry.register(request("churn"));
        }
        registry.register(request("fraud"));
        registry.promote("churn", 2, "staging", null, null);
        registry.promote("churn", 1, "production", null, null);

        assertThatThrownBy(() -> registry.resolve("churn", "prod", null))
                .isInstanceOf(NoSuchModelException.class)
                .hasMessage("Model 'churn' has no alias 'prod'; aliases that exist: production, staging");
        assertThatThrownBy(() -> registry.version("churn", 9))
                .isInstanceOf(NoSuchModelException.class)
                .hasMessage("Model 'churn' has no version 9; versions that exist: 1-5");
        assertThatThrownBy(() -> registry.resolve("fraud", "production", null))
                .isInstanceOf(NoSuchModelException.class).hasMessageEndingWith("aliases that exist: none");
        assertThatThrownBy(() -> registry.version("chrun", 1))
                .isInstanceOf(NoSuchModelException.class)
                .hasMessageContaining("No model 'chrun'").hasMessageEndingWith("models that exist: churn, fraud");
        assertThatThrownBy(() -> registry.summary("chrun")).isInstanceOf(NoSuchModelException.class);

        Files.delete(root.resolve("churn/versions/3.json")); // by hand: the registry never deletes a version
        assertThatThrownBy(() -> registry.version("churn", 3))
                .isInstanceOf(NoSuchModelException.class).hasMessageEndingWith("versions that exist: 1-2, 4-5");
        Files.delete(root.resolve("churn/versions/5.json"));
        assertThatThrownBy(() -> registry.version("churn", 3))
                .isInstanceOf(NoSuchModelException.class).hasMessageEndingWith("versions that exist: 1-2, 4");
    }

    @Test
    void promoteChainsHistoryAndRecordsARepeatedPromotion() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn"));
        registry.register(request("churn"));

        AliasChange first = registry.promote("churn", 1, "production", "bob", "deploy#1");
        AliasChange second = registry.promote("churn", 2, "production", "carol", "deploy#2");
        AliasChange again = registry.promote("churn", 2, "production", "dave", "deploy#3");

        assertThat(first.previousVersion()).isNull();
        assertThat(second.previousVersion()).isEqualTo(1);
        assertThat(again.previousVersion()).isEqualTo(2);
        assertThat(registry.summary("churn").history()).containsExactly(first, second, again);
        assertThat(again.toMap()).containsEntry("alias", "production").containsEntry("version", 2)
                .containsEntry("previousVersion", 2).containsEntry("user", "dave").containsEntry("build", "deploy#3");
    }

    @Test
    void promoteRefusesMissingVersionsAndModels() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn"));

        assertThatThrownBy(() -> registry.promote("churn", 2, "production", null, null))
                .isInstanceOf(NoSuchModelException.class).hasMessageContaining("no version 2")
                .hasMessageContaining("versions that exist: 1");
        assertThatThrownBy(() -> registry.promote("fraud", 1, "production", null, null))
                .isInstanceOf(NoSuchModelException.class).hasMessageContaining("No model 'fraud'");
        assertThat(root.resolve("fraud")).doesNotExist();
        assertThat(root.resolve("churn/aliases.json")).doesNotExist();
    }

    @Test
    void buildsHeldByAliasesAreTheLineageAndFileBuildsOfAliasedVersionsOnly() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn", "train#1", null, Map.of()));
        registry.register(new NewVersion("churn", List.of(file("model.pt", "train#2"), file("vocab", "train#1")),
                null, null, lineage("train#3"), Map.of(), "production", null));
        registry.register(request("churn", "train#4", null, Map.of()));
        registry.register(request("fraud", "fraud#9", "staging", Map.of()));
        registry.register(new NewVersion("fraud", List.of(), "s3://b/m", null, null, Map.of(), "canary", null));
        registry.register(request("unaliased", "other#1", null, Map.of()));

        assertThat(registry.buildsHeldByAliases()).containsExactly("fraud#9", "train#1", "train#2", "train#3");
    }

    @Test
    void buildsHeldByAliasesIsEmptyForAnEmptyOrMissingRoot() throws Exception {
        assertThat(new ModelRegistry(root.resolve("absent")).buildsHeldByAliases()).isEmpty();
        assertThat(new ModelRegistry(root).models()).isEmpty();
    }

    @Test
    void modelsAreSortedAndIgnoreOtherEntries() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("b-model"));
        registry.register(request("A.model"));
        registry.register(request("a_model"));
        Files.writeString(root.resolve("notes.txt"), "not a model");
        Files.createDirectories(root.resolve(".hidden"));

        assertThat(registry.models()).containsExactly("A.model", "a_model", "b-model");
    }

    @Test
    void aVersionWithOnlyAUriIsAllowed() throws Exception {
        ModelVersion version = new ModelRegistry(root).register(new NewVersion("llm", null, "gs://b/llm/7/", SHA,
                null, null, null, null));

        assertThat(version.files()).isEmpty();
        assertThat(version.lineage()).isEqualTo(Lineage.EMPTY);
        assertThat(new ModelRegistry(root).version("llm", 1)).isEqualTo(version);
    }

    @Test
    void strayTemporaryFilesAreIgnored() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn"));
        Files.writeString(root.resolve("churn/versions/.2.json.123.tmp"), "{\"trunc");
        Files.writeString(root.resolve("churn/versions/notes.txt"), "x");

        assertThat(registry.register(request("churn")).version()).isEqualTo(2);
        assertThat(registry.summary("churn").problems()).isEmpty();
    }
}
