package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlpipeline.registry.AliasChange;
import io.jenkins.plugins.mlpipeline.registry.Lineage;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every user string in every place the report shows one (text, attributes, SVG) set to a hostile value: the page must
 * show the value as text and contain no markup it did not write itself.
 */
class ReportHostileStringsTest {

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
                Arguments.of("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
                Arguments.of("' onmouseover='x", "&#39; onmouseover=&#39;x"),
                Arguments.of("]]>", "]]&gt;"),
                Arguments.of("&amp;", "&amp;amp;"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aHostileValueEverywhereIsShownAsTextAndAddsNoMarkup(String payload, String escaped) throws Exception {
        String page = ReportWriter.html(payload, List.of(hostileRun(payload)), List.of(hostileModel(payload)),
                Instant.EPOCH);

        if (payload.equals("&amp;")) {
            assertThat(page.replace("&amp;amp;", "")).doesNotContain("&amp;");
        } else {
            assertThat(page).doesNotContain(payload);
        }
        assertThat(page).contains(escaped);

        Document document = XhtmlDocument.parse(page);
        assertThat(XhtmlDocument.allElements(document)).extracting(Element::getTagName)
                .allMatch(ReportContentSecurityTest.ALLOWED_ELEMENTS::contains);
        ReportContentSecurityTest.assertNoForbiddenAttributes(document);

        // The value survived intact, in text and in attributes (tooltips, the chart's aria-label).
        assertThat(XhtmlDocument.elements(document, "title").get(0).getTextContent()).isEqualTo(payload);
        assertThat(XhtmlDocument.byId(document, "run-1").getElementsByTagName("h3").item(0).getTextContent())
                .isEqualTo(" " + payload);
        assertThat(XhtmlDocument.byId(document, "model-1").getElementsByTagName("h3").item(0).getTextContent())
                .isEqualTo(payload);
        assertThat(XhtmlDocument.elements(document, "code")).extracting(code -> code.getAttribute("title"))
                .contains(payload);
        Element chart = XhtmlDocument.elements(document, "svg").stream()
                .filter(svg -> svg.getAttribute("role").equals("img")).findFirst().orElseThrow();
        assertThat(chart.getAttribute("aria-label")).contains(payload);
        assertThat(chart.getTextContent()).contains(payload + " by step", "\u2014 last 2");
        assertThat(XhtmlDocument.elements(document, "td").stream().map(Element::getTextContent)
                .collect(Collectors.toList())).contains(payload, "[\"" + payload + "\"]");
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aHostileValueInAFileIsEscapedToo(String payload, String escaped, @TempDir Path directory) throws Exception {
        Path file = directory.resolve("report.html");
        ReportWriter.write(file, payload, List.of(hostileRun(payload)), List.of(hostileModel(payload)));
        String page = Files.readString(file, StandardCharsets.UTF_8);
        XhtmlDocument.parse(page);
        assertThat(page).contains(escaped);
    }

    static Map<String, Object> hostileRun(String payload) {
        Map<String, Object> run = new LinkedHashMap<>();
        for (String key : List.of("id", "name", "status", "reason", "message", "imageDigest", "startTime", "build",
                "image", "gitCommit", "cachedFrom")) {
            run.put(key, payload);
        }
        run.put("cached", true);
        run.put("params", Map.of(payload, payload, "list", List.of(payload)));
        run.put("metrics", Map.of(payload, 2.0));
        run.put("series", Map.of(payload, List.of(List.of(0, 1.0), List.of(1, 2.0))));
        run.put("outputs", List.of(Map.of("path", payload, "size", 10, "sha256", payload, "artifact", payload)));
        run.put("outputBytes", 10);
        run.put("result", Map.of(payload, Map.of(payload, payload)));
        run.put("inputs", Map.of(payload, payload));
        run.put("remoteModel", Map.of("uri", payload, "sha256", payload));
        return run;
    }

    static ModelSummary hostileModel(String payload) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(payload, payload);
        Lineage lineage = new Lineage(payload, 1, payload, payload, payload, payload, payload, payload, params,
                Map.of(payload, 0.5), params, payload);
        ModelVersion version = new ModelVersion(payload, 1, payload,
                List.of(new ModelFile(payload, 3, payload, payload, payload)), payload, payload, lineage, params,
                payload);
        List<String> problems = new ArrayList<>(List.of(payload + ": versions/2.json is not valid JSON"));
        return new ModelSummary(payload, List.of(version), Map.of(payload, 1),
                List.of(new AliasChange(payload, 1, null, payload, payload, payload)), problems);
    }
}
