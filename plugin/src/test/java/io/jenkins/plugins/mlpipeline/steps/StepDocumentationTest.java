package io.jenkins.plugins.mlpipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlpipeline.config.MlPipelineConfiguration;
import io.jenkins.plugins.mlpipeline.models.MlArtifactStep;
import io.jenkins.plugins.mlpipeline.models.MlModelStep;
import io.jenkins.plugins.mlpipeline.models.MlPromoteStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every parameter a user can set has its help file and its row in docs/steps.md, and every key the steps return
 * is documented: checked against the classes, so a new setter without documentation fails the build.
 */
class StepDocumentationTest {

    private static final Path DOCS = Path.of("..", "docs", "steps.md");

    @Test
    void everyParameterHasHelpAndEveryClassAConfigPage() {
        for (Class<?> type : List.of(MlTrainStep.class, MlSensorStep.class, MlArtifactStep.class, MlPromoteStep.class,
                MlModelStep.class, MlPipelineConfiguration.class)) {
            assertThat(resource(type, "help.html")).as(type.getSimpleName() + "/help.html").isNotNull();
            assertThat(resource(type, "config.jelly")).as(type.getSimpleName() + "/config.jelly").isNotNull();
            List<String> names = type == MlPipelineConfiguration.class
                    ? new ArrayList<>(StepBinder.setters(type).keySet()) : StepBinder.parameterNames(type);
            assertThat(names).isNotEmpty();
            for (String name : names) {
                assertThat(resource(type, "help-" + name + ".html")).as(type.getSimpleName() + "/help-" + name
                        + ".html").isNotNull();
            }
        }
    }

    @Test
    void jellyViewsEscapeByDefaultAndNeverPrintRawText() throws IOException {
        for (String view : List.of("steps/MlTrainStep/config.jelly", "steps/MlSensorStep/config.jelly",
                "config/MlPipelineConfiguration/config.jelly", "action/MlRunsAction/index.jelly",
                "action/MlRunsAction/summary.jelly")) {
            String text = read("/io/jenkins/plugins/mlpipeline/" + view);
            assertThat(text).as(view).startsWith("<?jelly escape-by-default='true'?>")
                    .doesNotContain("escape-by-default='false'").doesNotContain("<j:out");
        }
    }

    @Test
    void docsDocumentEveryStepParameter() throws IOException {
        String docs = Files.readString(DOCS);
        assertThat(tableNames(section(docs, "## mlTrain"))).containsExactlyInAnyOrderElementsOf(
                StepBinder.parameterNames(MlTrainStep.class));
        assertThat(tableNames(section(docs, "## mlSensor"))).containsExactlyInAnyOrderElementsOf(
                StepBinder.parameterNames(MlSensorStep.class));
        assertThat(tableNames(section(docs, "## mlArtifact"))).containsExactlyInAnyOrderElementsOf(
                StepBinder.parameterNames(MlArtifactStep.class));
        assertThat(tableNames(section(docs, "## mlPromote"))).containsExactlyInAnyOrderElementsOf(
                StepBinder.parameterNames(MlPromoteStep.class));
        assertThat(tableNames(section(docs, "## mlModel"))).containsExactlyInAnyOrderElementsOf(
                StepBinder.parameterNames(MlModelStep.class));
        assertThat(tableNames(section(docs, "## Global settings"))).containsExactlyInAnyOrderElementsOf(
                StepBinder.setters(MlPipelineConfiguration.class).keySet());
    }

    @Test
    void docsDocumentEveryReturnedKey() throws IOException {
        String docs = Files.readString(DOCS);
        assertThat(tableNames(section(docs, "## Returned map"))).containsExactlyInAnyOrder(RunMaps.KEYS);
        // The keys RunMaps lists are exactly what the engine's result map has, plus id and cloud.
        List<String> engineKeys = new ArrayList<>(Arrays.asList(RunMaps.KEYS));
        engineKeys.removeAll(List.of("id", "cloud"));
        engineKeys.removeAll(Arrays.asList(RunMaps.LINEAGE_KEYS));
        assertThat(engineKeys).containsExactlyElementsOf(new io.jenkins.plugins.mlpipeline.engine.RunResult(
                new io.jenkins.plugins.mlpipeline.RunRef("ns", "n", "u"),
                io.jenkins.plugins.mlpipeline.status.RunVerdict.succeeded("ok"),
                io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot.empty(), null, null, null, 1, null).toMap().keySet());
    }

    /** The text from {@code heading} up to the next level-2 heading. */
    private static String section(String docs, String heading) {
        int start = docs.indexOf("\n" + heading + "\n");
        assertThat(start).as("docs/steps.md has a section " + heading).isGreaterThanOrEqualTo(0);
        int end = docs.indexOf("\n## ", start + heading.length() + 1);
        return docs.substring(start, end < 0 ? docs.length() : end);
    }

    /** The names in the first column of the section's table rows: {@code | `name` | ...}. */
    private static List<String> tableNames(String section) {
        List<String> names = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z][A-Za-z0-9]*)` \\|").matcher(section);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    private static java.net.URL resource(Class<?> type, String name) {
        return type.getResource(type.getSimpleName() + "/" + name);
    }

    private static String read(String path) throws IOException {
        try (InputStream in = StepDocumentationTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
