package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The report of a realistic demo: two runs of 20 epochs and one model with two versions and aliases. */
class ReportRealisticTest {

    private static String page;
    private static Document document;

    @BeforeAll
    static void render() throws Exception {
        page = ReportWriter.html("Churn retraining", ReportFixtures.twoRuns(), List.of(ReportFixtures.model()),
                Instant.parse("2025-02-01T09:30:15.987Z"));
        document = XhtmlDocument.parse(page);
    }

    @Test
    void isAWellFormedHtmlPageInUtf8WithALanguage() {
        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(XhtmlDocument.elements(document, "meta")).anySatisfy(meta ->
                assertThat(meta.getAttribute("charset")).isEqualTo("utf-8"));
        assertThat(XhtmlDocument.elements(document, "title").get(0).getTextContent()).isEqualTo("Churn retraining");
    }

    @Test
    void headerGivesTheTimeInUtcAndTheCounts() {
        String header = XhtmlDocument.elements(document, "header").get(0).getTextContent();
        assertThat(header).contains("Churn retraining", "2025-02-01 09:30:15 UTC", "2 runs", "1 model")
                .doesNotContain("1 models");
    }

    @Test
    void eachRunShowsItsFactsParamsMetricsOutputsAndResult() {
        String first = XhtmlDocument.byId(document, "run-1").getTextContent();
        assertThat(first).contains("churn-train-12-a1f3", "SUCCEEDED (Complete)", "churn/train#12",
                "registry.example.com/ml/trainer:1.4", "sha256:9f86d081884c", "4b825dc642cb", "123.5 s")
                .contains("epochs", "20", "learning_rate", "0.05", "version_tag", "1.10")
                .contains("loss", "0.06", "accuracy", "0.88")
                .contains("model.pkl", "2.38 MiB", "0123456789ab", "result.json", "96 B", "aaaaaaaaaaaa")
                .contains("[\"churn\", \"stay\"]", "s3://data/churn/v3")
                .doesNotContain(ReportFixtures.SHA_MODEL_1);
        assertThat(first).contains("Cachedno"); // the fact row's heading and value
        String second = XhtmlDocument.byId(document, "run-2").getTextContent();
        assertThat(second).contains("churn-train-13-b7c2", "yes, outputs of build churn/train#12", "1.50 KiB",
                "fedcba987654", "0.04");
    }

    @Test
    void fullDigestsAreTooltipsOfTheShortOnes() {
        List<String> titles = XhtmlDocument.elements(document, "code").stream()
                .map(code -> code.getAttribute("title")).collect(Collectors.toList());
        assertThat(titles).contains(ReportFixtures.SHA_MODEL_1, ReportFixtures.SHA_MODEL_2,
                ReportFixtures.IMAGE_DIGEST, ReportFixtures.GIT_COMMIT);
    }

    @Test
    void drawsOneChartPerMetricWithALinePerRun() {
        List<Element> charts = XhtmlDocument.elements(document, "svg").stream()
                .filter(svg -> svg.getAttribute("role").equals("img")).collect(Collectors.toList());
        assertThat(charts).hasSize(2);
        assertThat(charts).extracting(svg -> svg.getElementsByTagName("title").item(0).getTextContent())
                .containsExactly("loss by step", "accuracy by step");
        for (Element chart : charts) {
            List<Element> lines = children(chart, "polyline");
            assertThat(lines).hasSize(2);
            assertThat(lines).extracting(line -> line.getAttribute("stroke")).containsExactly("#1f77b4", "#ff7f0e");
            assertThat(lines).allSatisfy(line ->
                    assertThat(line.getAttribute("points").split(" ")).hasSize(20));
            assertThat(chart.getTextContent()).contains("churn-train-12-a1f3", "churn-train-13-b7c2", "step", "19");
        }
        // The loss axis runs from the smallest last value (0.8 / 20) to the largest first one (1.2).
        assertThat(texts(charts.get(0))).contains("0.04", "1.2", "0", "19");
        assertThat(texts(charts.get(1))).contains("0.5", "0.88");
    }

    @Test
    void theModelShowsVersionsAliasesLineageAndHistory() {
        Element model = XhtmlDocument.byId(document, "model-1");
        String text = model.getTextContent();
        assertThat(text).contains("churn", "staging", "production", "2025-01-31T12:01:00Z", "2025-01-31T12:02:00Z",
                "alice", "churn/train#13", "1 file, 1.50 KiB", "fedcba987654", "accuracy = 0.9375",
                "accuracy = 0.875", "https://jenkins.example.com/job/churn/job/train/12/", "data-team",
                "(new alias)", "(not recorded)", "churn/deploy#4", "bob");
        List<Element> rows = XhtmlDocument.elements(document, "tr").stream()
                .filter(row -> isInside(row, model)).collect(Collectors.toList());
        assertThat(rows).extracting(Element::getTextContent)
                .anyMatch(row -> row.startsWith("2staging")) // newest version first, with its alias
                .anyMatch(row -> row.startsWith("1production"))
                .anyMatch(row -> row.equals("production1"))
                .anyMatch(row -> row.startsWith("2025-02-01T08:00:00Zstaging21(not recorded)churn/train#13"));
        assertThat(XhtmlDocument.elements(document, "details")).hasSize(2);
    }

    @Test
    void contentsLinksPointAtSectionsOfThePage() {
        List<Element> links = XhtmlDocument.elements(document, "a");
        assertThat(links).extracting(Element::getTextContent)
                .containsExactly("Metrics", "Runs", "churn-train-12-a1f3", "churn-train-13-b7c2", "Models", "churn");
        for (Element link : links) {
            assertThat(link.getAttribute("href")).startsWith("#");
            XhtmlDocument.byId(document, link.getAttribute("href").substring(1));
        }
    }

    @Test
    void noRunsAndNoModelsStillMakeAPage() throws Exception {
        String empty = ReportWriter.html(null, List.of(), List.of());
        Document parsed = XhtmlDocument.parse(empty);
        assertThat(parsed.getDocumentElement().getTextContent()).contains(ReportWriter.DEFAULT_TITLE, "0 runs",
                "0 models", "No runs.", "No models registered.", "No run reported metric series.");
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < parent.getElementsByTagName(tag).getLength(); i++) {
            found.add((Element) parent.getElementsByTagName(tag).item(i));
        }
        return found;
    }

    private static List<String> texts(Element chart) {
        return children(chart, "text").stream().map(Element::getTextContent).collect(Collectors.toList());
    }

    private static boolean isInside(Element element, Element ancestor) {
        for (Node node = element; node != null; node = node.getParentNode()) {
            if (node == ancestor) {
                return true;
            }
        }
        return false;
    }
}
