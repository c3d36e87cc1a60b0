package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run maps come from Jenkinsfiles: nothing in them may stop the page from being written. */
class ReportOddInputTest {

    @Test
    void nullListsAndTitleGiveAnEmptyReport() throws Exception {
        Document document = XhtmlDocument.parse(ReportWriter.html(null, null, null, Instant.EPOCH));
        assertThat(document.getDocumentElement().getTextContent()).contains(ReportWriter.DEFAULT_TITLE, "0 runs",
                "0 models");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void nullRunsNonMapsAndNullModelsAreShownWithoutFailing() throws Exception {
        List runs = new ArrayList<>(Arrays.asList(null, "not a map", 42, ReportFixtures.twoRuns().get(0)));
        List<ModelSummary> models = new ArrayList<>(Arrays.asList(null, ReportFixtures.model()));
        Document document = XhtmlDocument.parse(ReportWriter.html("t", runs, models, Instant.EPOCH));
        assertThat(XhtmlDocument.byId(document, "run-1").getTextContent()).contains("run 1", "Status\u2014");
        assertThat(XhtmlDocument.byId(document, "run-3").getTextContent()).contains("run 3");
        assertThat(XhtmlDocument.byId(document, "run-4").getTextContent()).contains("churn-train-12-a1f3");
        assertThat(XhtmlDocument.byId(document, "model-1").getTextContent()).contains("churn");
        assertThat(document.getDocumentElement().getTextContent()).contains("4 runs", "1 model");
    }

    @Test
    void valuesOfTheWrongTypeReadAsAbsent() throws Exception {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", 42);
        run.put("status", List.of("SUCCEEDED"));
        run.put("params", "epochs=3");
        run.put("metrics", List.of(1, 2));
        run.put("series", List.of(List.of(0, 1.0)));
        run.put("outputs", List.of("model.pkl", Map.of("path", "ok.bin", "size", "big", "sha256", 7)));
        run.put("outputBytes", "lots");
        run.put("durationSeconds", "soon");
        run.put("cached", "yes");
        run.put("result", Map.of(1, "integer key", "nested", Map.of(2.5, List.of(true, false))));
        String page = ReportWriter.html("t", List.of(run), List.of(), Instant.EPOCH);
        Document document = XhtmlDocument.parse(page);
        String text = XhtmlDocument.byId(document, "run-1").getTextContent();
        assertThat(text).contains("42", "Status\u2014", "Cachedno", "Duration\u2014", "ok.bin", "integer key",
                "{2.5: [true, false]}");
        assertThat(XhtmlDocument.byId(document, "metrics").getTextContent()).contains("No run reported");
    }

    @Test
    void aMapThatContainsItselfIsShownToALimitedDepth() throws Exception {
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", "loop");
        run.put("result", loop);
        run.put("params", Map.of("list", new ArrayList<>(List.of(loop))));
        String text = XhtmlDocument.byId(XhtmlDocument.parse(ReportWriter.html("t", List.of(run), List.of(),
                Instant.EPOCH)), "run-1").getTextContent();
        assertThat(text).contains("{self: {self: {self:", "{\u2026}");
    }

    @Test
    void aRunMapThatThrowsCostsOnlyItsOwnSection() throws Exception {
        Map<String, Object> hostile = new LinkedHashMap<>() {
            @Override
            public Object get(Object key) {
                throw new IllegalStateException("map is broken at <" + key + ">");
            }
        };
        hostile.put("name", "x");
        List<Map<String, Object>> runs = List.of(hostile, ReportFixtures.twoRuns().get(1));
        Document document = XhtmlDocument.parse(ReportWriter.html("t", runs, List.of(), Instant.EPOCH));
        assertThat(XhtmlDocument.byId(document, "run-1").getTextContent())
                .contains("Run 1 could not be shown: IllegalStateException: map is broken at <");
        assertThat(XhtmlDocument.byId(document, "run-2").getTextContent()).contains("churn-train-13-b7c2");
        assertThat(XhtmlDocument.elements(document, "polyline")).hasSize(2);
        assertThat(XhtmlDocument.elements(document, "a")).extracting(a -> a.getTextContent()).contains("run 1");
    }

    @Test
    void longValuesAreCut() throws Exception {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", "long");
        run.put("message", "x".repeat(1_000_000));
        run.put("params", Map.of("blob", "y".repeat(100_000), "list", new ArrayList<>(List.of("z".repeat(5000)))));
        String page = ReportWriter.html("t", List.of(run), List.of(), Instant.EPOCH);
        assertThat(page.length()).isLessThan(20_000);
        assertThat(page).contains("x".repeat(Values.MAX_TEXT) + "\u2026 (cut at 2000 characters)")
                .doesNotContain("x".repeat(Values.MAX_TEXT + 1));
        XhtmlDocument.parse(page);
    }

    @Test
    void charactersXmlForbidsBecomeReplacementCharacters() throws Exception {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", "nul\u0000 bell\u0007 lone\uD800 ffff\uFFFF emoji\uD83D\uDE00 \u5B66\u7FD2");
        Document document = XhtmlDocument.parse(ReportWriter.html("t", List.of(run), List.of(), Instant.EPOCH));
        assertThat(XhtmlDocument.byId(document, "run-1").getTextContent())
                .contains("nul\uFFFD bell\uFFFD lone\uFFFD ffff\uFFFD emoji\uD83D\uDE00 \u5B66\u7FD2");
    }

    @Test
    void aModelWithProblemsAndNothingElseSaysSo() throws Exception {
        ModelSummary damaged = new ModelSummary(null, List.of(), Map.of(), List.of(),
                List.of("history.json: not valid JSON at line 3; repair or delete the file",
                        "aliases.json: unreadable"));
        String text = XhtmlDocument.byId(XhtmlDocument.parse(ReportWriter.html("t", List.of(), List.of(damaged),
                Instant.EPOCH)), "model-1").getTextContent();
        assertThat(text).contains("model 1", "Problems (2)", "history.json: not valid JSON at line 3",
                "aliases.json: unreadable", "AliasesNone.", "VersionsNone.");
    }
}
