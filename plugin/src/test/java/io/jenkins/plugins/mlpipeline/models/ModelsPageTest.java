package io.jenkins.plugins.mlpipeline.models;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Run;
import io.jenkins.plugins.mlpipeline.registry.Lineage;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.NewVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models pages' view model, and the Jelly views' escaping. */
class ModelsPageTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(1)>";

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

    private void register(String model, String buildId, String job) throws Exception {
        Lineage lineage = new Lineage(job, 1, null, buildId, "c".repeat(40), SCRIPT, "sha256:" + "d".repeat(64),
                null, Map.of("p", IMG), Map.of("acc", 0.5), Map.of(), null);
        kit.registry.register(new NewVersion(model, List.of(new ModelFile("m.pt", 3, "f".repeat(64), buildId,
                "ml/m.pt")), null, null, lineage, Map.of(SCRIPT, IMG), null, SCRIPT));
    }

    @Test
    void showsHostileTextVerbatimForTheViewToEscape() throws Exception {
        Run<?, ?> build = kit.build("team/train", 1);
        register("churn", build.getExternalizableId(), "team/train");
        kit.registry.promote("churn", 1, "production", IMG, "team/deploy#1");

        ModelsPage page = ModelsPage.read(kit.registry, kit.artifacts, null);

        ModelsPage.ModelView model = page.getModels().get(0);
        assertThat(model.getName()).isEqualTo("churn");
        assertThat(model.getAliases()).isEqualTo("production \u2192 1");
        ModelsPage.VersionView v = model.getVersions().get(0);
        // Not pre-escaped: escape-by-default escapes once, in the view.
        assertThat(v.getMetadata()).isEqualTo(SCRIPT + "=" + IMG);
        assertThat(v.getParams()).isEqualTo("p=" + IMG);
        assertThat(v.getUser()).isEqualTo(SCRIPT);
        assertThat(v.getDigest()).isEqualTo("f".repeat(12));
        assertThat(v.getImageDigest()).isEqualTo("sha256:" + "d".repeat(12));
        assertThat(v.getGitCommit()).hasSize(12);
        assertThat(v.getBuildUrl()).isEqualTo("job/team/job/train/1/");
        assertThat(v.isFilesDeleted()).isFalse();
        assertThat(model.getHistory().get(0).getUser()).isEqualTo(IMG);
    }

    @Test
    void aDeletedBuildShowsFilesDeletedAndNoLink() throws Exception {
        register("churn", "team/train#5", "team/train"); // never existed in the artifacts: deleted
        ModelsPage.VersionView v = ModelsPage.read(kit.registry, kit.artifacts, null).getModels().get(0)
                .getVersions().get(0);
        assertThat(v.isFilesDeleted()).isTrue();
        assertThat(v.getBuildUrl()).isNull();
        assertThat(v.getBuildId()).isEqualTo("team/train#5");
    }

    @Test
    void theJobPageListsOnlyThatJobsVersions() throws Exception {
        register("churn", kit.build("team/train", 2).getExternalizableId(), "team/train");
        register("churn", kit.build("other", 1).getExternalizableId(), "other");
        register("fraud", kit.build("other", 2).getExternalizableId(), "other");
        ModelsPage page = ModelsPage.read(kit.registry, kit.artifacts, "team/train");
        assertThat(page.getModels()).extracting(ModelsPage.ModelView::getName).containsExactly("churn");
        assertThat(page.getModels().get(0).getVersions()).extracting(ModelsPage.VersionView::getNumber)
                .containsExactly(1);
    }

    @Test
    void versionsOfBuildsTheViewerMayNotReadAreLeftOut() throws Exception {
        register("churn", kit.build("team/train", 6).getExternalizableId(), "team/train");
        register("secret", kit.build("hidden/job", 1).getExternalizableId(), "hidden/job");
        register("churn", kit.build("hidden/job", 2).getExternalizableId(), "hidden/job");
        kit.artifacts.unreadable.addAll(java.util.List.of("hidden/job#1", "hidden/job#2"));

        ModelsPage page = ModelsPage.read(kit.registry, kit.artifacts, null);

        assertThat(page.getModels()).extracting(ModelsPage.ModelView::getName).containsExactly("churn");
        assertThat(page.getModels().get(0).getVersions()).extracting(ModelsPage.VersionView::getNumber)
                .containsExactly(1);
    }

    @Test
    void aDamagedVersionFileIsReportedNotFatal() throws Exception {
        register("churn", kit.build("j", 3).getExternalizableId(), "j");
        register("churn", kit.build("j", 4).getExternalizableId(), "j");
        Files.writeString(kit.registry.root().resolve("churn/versions/1.json"), "{ truncated");
        ModelsPage.ModelView model = ModelsPage.read(kit.registry, kit.artifacts, null).getModels().get(0);
        assertThat(model.getVersions()).extracting(ModelsPage.VersionView::getNumber).containsExactly(2);
        assertThat(model.getProblems()).anySatisfy(p -> assertThat(p).contains("1.json"));
    }

    @Test
    void everyJellyUnderModelsEscapesByDefaultAndOutputsNothingRaw() throws Exception {
        Path views = Path.of("src/main/resources/io/jenkins/plugins/mlpipeline/models");
        List<Path> jellies = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(views)) {
            walk.filter(p -> p.toString().endsWith(".jelly")).forEach(jellies::add);
        }
        assertThat(jellies).hasSizeGreaterThanOrEqualTo(6);
        for (Path jelly : jellies) {
            String text = Files.readString(jelly, StandardCharsets.UTF_8);
            assertThat(text).as(jelly.toString()).startsWith("<?jelly escape-by-default='true'?>");
            assertThat(text).as(jelly.toString()).doesNotContain("<j:out").doesNotContain("rawHtml")
                    .doesNotContain("CDATA").doesNotContain("<script").doesNotContain("escape-by-default='false'");
        }
    }
}
