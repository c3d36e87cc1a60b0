package io.jenkins.plugins.mlpipeline.models;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlArtifact, mlPromote and mlModel against a registry in a temp JENKINS_HOME, with mock builds. */
class ModelStepsTest {

    @TempDir
    Path tmp;
    private ModelTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ModelTestKit(Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void tearDown() throws Exception {
        kit.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** What mlTrain returns after archiving one output file into {@code build}. */
    private Map<String, Object> trainedRun(Run<?, ?> build, String status, byte[] model) throws Exception {
        String artifact = "ml/outputs/churn/model.pt";
        Path file = kit.artifacts.fileOf(build, artifact);
        Files.createDirectories(file.getParent());
        Files.write(file, model);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("path", "model.pt");
        output.put("size", model.length);
        output.put("sha256", sha256(model));
        output.put("artifact", artifact);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", "ml/churn-abc");
        run.put("name", "churn-abc");
        run.put("status", status);
        run.put("metrics", Map.of("accuracy", 0.93, "epochs", 3));
        run.put("imageDigest", "sha256:" + "e".repeat(64));
        run.put("outputs", List.of(output));
        run.put("remoteModel", null);
        run.put("build", build.getExternalizableId());
        run.put("image", "trainer:1");
        run.put("params", Map.of("lr", 0.01));
        run.put("inputs", Map.of("data", "s3://d/v3"));
        run.put("gitCommit", "a".repeat(40));
        run.put("cacheKey", null);
        return run;
    }

    private MlArtifactStep artifactFromRun(Map<String, Object> run) {
        MlArtifactStep step = new MlArtifactStep("churn");
        step.setRun(run);
        return step;
    }

    private MlArtifactStep artifactFromUri(String name, String uri) {
        MlArtifactStep step = new MlArtifactStep(name);
        step.setUri(uri);
        return step;
    }

    @Test
    void registersARunMapWithoutCopyingBytesAndWithLineage() throws Exception {
        Run<?, ?> build = kit.build("team/train", 7);
        Map<String, Object> version = kit.run(artifactFromRun(trainedRun(build, "SUCCEEDED", new byte[] {1, 2, 3})),
                build).result();

        assertThat(version).containsEntry("model", "churn").containsEntry("version", 1).containsEntry("user", "alice");
        @SuppressWarnings("unchecked")
        Map<String, Object> file = ((List<Map<String, Object>>) version.get("files")).get(0);
        assertThat(file).containsEntry("path", "model.pt").containsEntry("size", 3L)
                .containsEntry("buildId", "team/train#7").containsEntry("artifactPath", "ml/outputs/churn/model.pt");
        @SuppressWarnings("unchecked")
        Map<String, Object> lineage = (Map<String, Object>) version.get("lineage");
        assertThat(lineage).containsEntry("job", "team/train").containsEntry("buildNumber", 7)
                .containsEntry("buildId", "team/train#7")
                .containsEntry("buildUrl", "https://ci.example.com/job/team/job/train/7/")
                .containsEntry("imageDigest", "sha256:" + "e".repeat(64)).containsEntry("runName", "churn-abc")
                .containsEntry("gitCommit", "a".repeat(40)).containsEntry("image", "trainer:1");
        assertThat(lineage.get("metrics")).isEqualTo(Map.of("accuracy", 0.93, "epochs", 3.0));
        assertThat(lineage.get("params")).isEqualTo(Map.of("lr", 0.01));
        // No new artifact was written: the version points at mlTrain's.
        try (var walk = Files.walk(kit.artifacts.root)) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        // Fingerprinted by MD5 (Jenkins' key) with the model version; md5 of bytes 01 02 03, from md5sum.
        assertThat(kit.fingerprinted).containsEntry("churn#1", Map.of("model.pt", "5289df737df57326fcdd22597afb1fac"));
    }

    @Test
    void aVersionWhoseFilesCannotBeReadIsStillRegisteredWithoutFingerprints() throws Exception {
        Run<?, ?> build = kit.build("team/train", 17);
        Map<String, Object> run = trainedRun(build, "SUCCEEDED", new byte[] {1});
        kit.artifacts.builds.remove("team/train#17"); // the training build is gone: nothing to read
        Map<String, Object> version = kit.run(artifactFromRun(run), build).result();
        assertThat(version).containsEntry("version", 1);
        assertThat(kit.fingerprinted).isEmpty();
    }

    @Test
    void refusesARunThatDidNotSucceed() throws Exception {
        Run<?, ?> build = kit.build("team/train", 8);
        Throwable failure = kit.run(artifactFromRun(trainedRun(build, "FAILED", new byte[] {1})), build).failure();
        assertThat(failure).isInstanceOf(AbortException.class).hasMessageContaining("status FAILED")
                .hasMessageContaining("SUCCEEDED");
        assertThat(kit.registry.models()).isEmpty();
    }

    @Test
    void archivesWorkspaceFilesHashedWhileRead() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.createDirectories(ws.resolve("out/sub"));
        byte[] model = "weights".getBytes(StandardCharsets.UTF_8);
        Files.write(ws.resolve("out/model.pt"), model);
        Files.writeString(ws.resolve("out/sub/vocab.txt"), "a b c");
        Files.writeString(ws.resolve("notes.txt"), "not matched");
        kit.workspace = new ModelTestKit.DirWorkspace(ws);
        Run<?, ?> build = kit.build("team/train", 9);
        MlArtifactStep step = new MlArtifactStep("churn");
        step.setFiles("out/**");
        step.setMetadata(Map.of("owner", new StringBuilder("team-a")));

        Map<String, Object> version = kit.run(step, build).result();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) version.get("files");
        assertThat(files).extracting(f -> f.get("path")).containsExactly("out/model.pt", "out/sub/vocab.txt");
        Map<String, Object> first = files.get(0);
        assertThat(first.get("sha256")).isEqualTo(sha256(model));
        assertThat((String) first.get("artifactPath")).startsWith("ml/models/churn/files-").endsWith("/out/model.pt");
        assertThat(kit.artifacts.fileOf(build, (String) first.get("artifactPath"))).hasBinaryContent(model);
        assertThat(version.get("metadata")).isEqualTo(Map.of("owner", "team-a"));
        assertThat(kit.registry.root().resolve(".staging")).isEmptyDirectory();
    }

    @Test
    void filesNeedsAWorkspace() throws Exception {
        Run<?, ?> build = kit.build("team/train", 10);
        MlArtifactStep step = new MlArtifactStep("churn");
        step.setFiles("*.pt");
        Throwable failure = kit.run(step, build).failure();
        assertThat(failure).hasMessage("mlArtifact: files: needs a workspace; call mlArtifact inside node { }");
    }

    @Test
    void filesMatchingNothingFailsNamingTheGlob() throws Exception {
        kit.workspace = new ModelTestKit.DirWorkspace(Files.createDirectories(tmp.resolve("empty")));
        MlArtifactStep step = new MlArtifactStep("churn");
        step.setFiles("*.pt");
        assertThat(kit.run(step, kit.build("j", 1)).failure()).hasMessageContaining("'*.pt' matches no file");
    }

    @Test
    void registersAUriWithItsChecksum() throws Exception {
        MlArtifactStep step = artifactFromUri("big", "s3://bucket/models/big/");
        step.setSha256("b".repeat(64));
        step.setAlias("staging");
        Map<String, Object> version = kit.run(step, kit.build("j", 2)).result();
        assertThat(version).containsEntry("uri", "s3://bucket/models/big/").containsEntry("uriSha256", "b".repeat(64));
        assertThat(kit.registry.summary("big").aliases()).containsEntry("staging", 1);
        // Lineage build kept: an alias points at a version it registered.
        assertThat(kit.keeper.kept).containsExactly("j#2");
    }

    @Test
    void argumentMistakesFailBeforeAnyWork() throws Exception {
        Run<?, ?> build = kit.build("j", 3);
        MlArtifactStep none = new MlArtifactStep("m");
        assertThat(kit.run(none, build).failure()).hasMessageContaining("run/files/uri: give exactly one of");
        MlArtifactStep two = artifactFromUri("m", "s3://b/m");
        two.setFiles("*.pt");
        assertThat(kit.run(two, build).failure()).hasMessageContaining("got 2");
        MlArtifactStep badSha = artifactFromUri("m", "s3://b/m");
        badSha.setSha256("XYZ");
        assertThat(kit.run(badSha, build).failure()).hasMessageContaining("sha256: 'XYZ' is not a SHA-256");
        assertThat(kit.run(artifactFromUri("../etc", "s3://b/m"), build).failure())
                .hasMessageContaining("name: '../etc' is not a valid model name");
        MlArtifactStep badAlias = artifactFromUri("m", "s3://b/m");
        badAlias.setAlias("3");
        assertThat(kit.run(badAlias, build).failure()).hasMessageContaining("alias: '3' is not a valid alias");
        assertThat(kit.registry.models()).isEmpty();
    }

    @Test
    void concurrentRegistrationsGetDistinctVersions() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Run<?, ?> build = kit.build("j", 100 + i);
                Callable<Map<String, Object>> register =
                        () -> kit.run(artifactFromUri("shared", "s3://b/" + build.getNumber()), build).result();
                futures.add(pool.submit(register));
            }
            Set<Object> versions = new TreeSet<>();
            for (Future<Map<String, Object>> f : futures) {
                versions.add(f.get().get("version"));
            }
            assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void promoteMovesTheAliasAuditsAndKeepsOnlyHeldBuilds() throws Exception {
        Run<?, ?> first = kit.build("team/train", 20);
        Run<?, ?> second = kit.build("team/train", 21);
        kit.run(artifactFromRun(trainedRun(first, "SUCCEEDED", new byte[] {1})), first).result();
        kit.run(artifactFromRun(trainedRun(second, "SUCCEEDED", new byte[] {2})), second).result();
        kit.keeper.kept.add("team/train#99"); // kept by a user: never released by the registry
        Run<?, ?> deploy = kit.build("team/deploy", 5);

        MlPromoteStep toFirst = new MlPromoteStep("churn");
        toFirst.setVersion(1);
        toFirst.setAlias("production");
        Map<String, Object> change = kit.run(toFirst, deploy).result();
        assertThat(change).containsEntry("alias", "production").containsEntry("version", 1)
                .containsEntry("previousVersion", null).containsEntry("user", "alice")
                .containsEntry("build", "team/deploy#5");
        assertThat(kit.keeper.kept).containsExactlyInAnyOrder("team/train#20", "team/train#99");

        MlPromoteStep toSecond = new MlPromoteStep("churn");
        toSecond.setVersion(2);
        toSecond.setAlias("production");
        ModelTestKit.Outcome moved = kit.run(toSecond, deploy);
        assertThat(moved.result()).containsEntry("previousVersion", 1).containsEntry("version", 2);
        assertThat(moved.context().log()).contains("alias production -> version 2 (was 1)");
        assertThat(kit.keeper.kept).containsExactlyInAnyOrder("team/train#21", "team/train#99");
        assertThat(kit.keeper.calls).contains("release team/train#20").doesNotContain("release team/train#99");
        assertThat(kit.registry.summary("churn").history()).hasSize(2);
        assertThat(KeptBuilds.read(kit.registry.root().resolve(KeptBuilds.FILE))).containsExactly("team/train#21");
    }

    @Test
    void promoteRefusedByThePermissionCheckChangesNothing() throws Exception {
        kit.run(artifactFromUri("m", "s3://b/m"), kit.build("j", 30)).result();
        kit.promotions = (run, model, alias) -> {
            throw new IllegalStateException("bob is missing the Job/Configure permission");
        };
        MlPromoteStep step = new MlPromoteStep("m");
        step.setVersion(1);
        step.setAlias("production");
        Throwable failure = kit.run(step, kit.build("j", 31)).failure();
        assertThat(failure).isInstanceOf(AbortException.class)
                .hasMessage("mlPromote: this build may not move alias 'production' of model 'm': bob is missing the"
                        + " Job/Configure permission");
        assertThat(kit.registry.summary("m").aliases()).isEmpty();
        assertThat(kit.keeper.calls).isEmpty();
    }

    @Test
    void promoteToAMissingVersionNamesWhatExists() throws Exception {
        kit.run(artifactFromUri("m", "s3://b/m"), kit.build("j", 32)).result();
        MlPromoteStep step = new MlPromoteStep("m");
        step.setVersion(5);
        step.setAlias("production");
        assertThat(kit.run(step, kit.build("j", 33)).failure()).isInstanceOf(AbortException.class)
                .hasMessageContaining("has no version 5").hasMessageContaining("versions that exist: 1");
    }

    @Test
    void mlModelResolvesByAliasOrVersionAndCopiesVerifiedFiles() throws Exception {
        Run<?, ?> build = kit.build("team/train", 40);
        kit.run(artifactFromRun(trainedRun(build, "SUCCEEDED", "abc".getBytes(StandardCharsets.UTF_8))), build)
                .result();
        kit.registry.promote("churn", 1, "production", null, null);
        Path ws = Files.createDirectories(tmp.resolve("ws2"));
        kit.workspace = new ModelTestKit.DirWorkspace(ws);

        MlModelStep byAlias = new MlModelStep("churn");
        byAlias.setAlias("production");
        byAlias.setCopyTo("model");
        Map<String, Object> version = kit.run(byAlias, kit.build("team/deploy", 1)).result();
        assertThat(version).containsEntry("version", 1);
        assertThat(ws.resolve("model/model.pt")).hasContent("abc");

        MlModelStep byNumber = new MlModelStep("churn");
        byNumber.setVersion(1);
        assertThat(kit.run(byNumber, kit.build("team/deploy", 2)).result()).containsEntry("model", "churn");

        MlModelStep unknownAlias = new MlModelStep("churn");
        unknownAlias.setAlias("canary");
        assertThat(kit.run(unknownAlias, kit.build("team/deploy", 3)).failure())
                .hasMessageContaining("no alias 'canary'").hasMessageContaining("production");
    }

    @Test
    void mlModelChecksumMismatchLeavesNothingCopied() throws Exception {
        Run<?, ?> build = kit.build("team/train", 41);
        kit.run(artifactFromRun(trainedRun(build, "SUCCEEDED", "good".getBytes(StandardCharsets.UTF_8))), build)
                .result();
        Files.writeString(kit.artifacts.fileOf(build, "ml/outputs/churn/model.pt"), "evil");
        Path ws = Files.createDirectories(tmp.resolve("ws3"));
        kit.workspace = new ModelTestKit.DirWorkspace(ws);
        MlModelStep step = new MlModelStep("churn");
        step.setVersion(1);
        step.setCopyTo("model");
        Throwable failure = kit.run(step, kit.build("team/deploy", 4)).failure();
        assertThat(failure).isInstanceOf(AbortException.class).hasMessageContaining("file model.pt does not match");
        assertThat(ws.resolve("model/model.pt")).doesNotExist();
    }

    @Test
    void mlModelOfADeletedBuildSaysSo() throws Exception {
        Run<?, ?> build = kit.build("team/train", 42);
        kit.run(artifactFromRun(trainedRun(build, "SUCCEEDED", new byte[] {9})), build).result();
        kit.artifacts.builds.remove("team/train#42");
        kit.workspace = new ModelTestKit.DirWorkspace(Files.createDirectories(tmp.resolve("ws4")));
        MlModelStep step = new MlModelStep("churn");
        step.setVersion(1);
        step.setCopyTo("model");
        assertThat(kit.run(step, kit.build("team/deploy", 5)).failure())
                .hasMessageContaining("files deleted with build team/train#42");
    }

    @Test
    void mlModelOfABuildThisOneMayNotReadSaysSoRatherThanDeleted() throws Exception {
        Run<?, ?> build = kit.build("team/train", 43);
        kit.run(artifactFromRun(trainedRun(build, "SUCCEEDED", new byte[] {9})), build).result();
        kit.artifacts.unreadable.add("team/train#43");
        kit.workspace = new ModelTestKit.DirWorkspace(Files.createDirectories(tmp.resolve("ws5")));
        MlModelStep step = new MlModelStep("churn");
        step.setVersion(1);
        step.setCopyTo("model");
        assertThat(kit.run(step, kit.build("team/deploy", 6)).failure())
                .hasMessageContaining("build team/train#43 holds model churn version 1 but this build's"
                        + " authentication may not read it")
                .hasMessageNotContaining("deleted");
    }

    @Test
    void mlModelRefusesACopyToOutsideTheWorkspace() throws Exception {
        MlModelStep step = new MlModelStep("churn");
        step.setVersion(1);
        step.setCopyTo("../elsewhere");
        assertThat(kit.run(step, kit.build("j", 6)).failure()).hasMessageContaining("copyTo: '../elsewhere' is not"
                + " allowed");
        MlModelStep both = new MlModelStep("churn");
        both.setVersion(1);
        both.setAlias("production");
        assertThat(kit.run(both, kit.build("j", 7)).failure()).hasMessageContaining("alias/version");
    }

    @Test
    void aRestartFailsTheStepClearly() throws Exception {
        ModelTestKit.Context context = new ModelTestKit.Context(kit.build("j", 50));
        MlPromoteStep step = new MlPromoteStep("m");
        step.setVersion(1);
        step.setAlias("production");
        step.start(context).onResume();
        assertThat(context.outcome).isCompletedExceptionally();
        assertThat(context.outcome.handle((r, t) -> t.getMessage()).get())
                .contains("mlPromote: Jenkins restarted while this step was running")
                .contains("the alias may have moved");
    }
}
