package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Edge cases of the metrics chart: what is drawn, where, and what is skipped. */
class ReportChartTest {

    /** The plot area, see MetricChart's layout. */
    private static final double LEFT = 76;
    private static final double RIGHT = 616;
    private static final double TOP = 34;
    private static final double BOTTOM = 234;

    @Test
    void aSinglePointIsADotInTheMiddleWithOneLabelPerAxis() throws Exception {
        Element chart = chart(line("run", List.of(List.of(3, 0.25))));
        assertThat(children(chart, "polyline")).isEmpty();
        Element dot = children(chart, "circle").get(0);
        assertThat(dot.getAttribute("cx")).isEqualTo("346.0");
        assertThat(dot.getAttribute("cy")).isEqualTo("134.0");
        assertThat(dot.getAttribute("fill")).isEqualTo("#1f77b4");
        assertThat(axisLabels(chart)).containsExactly("3", "step", "0.25");
        assertThat(chart.getTextContent()).contains("last 0.25 at step 3");
    }

    @Test
    void aConstantSeriesIsAFlatLineAcrossTheMiddle() throws Exception {
        List<List<Object>> pairs = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            pairs.add(List.of(step, 0.93));
        }
        Element chart = chart(line("run", pairs));
        List<double[]> points = points(children(chart, "polyline").get(0));
        assertThat(points).hasSize(20).allSatisfy(point -> assertThat(point[1]).isEqualTo(134.0));
        assertThat(points.get(0)[0]).isEqualTo(LEFT);
        assertThat(points.get(19)[0]).isEqualTo(RIGHT);
        assertThat(axisLabels(chart)).containsExactly("0", "19", "step", "0.93");
    }

    @Test
    void nanInfinityNullAndMalformedPointsAreSkipped() throws Exception {
        List<Object> pairs = new ArrayList<>(Arrays.asList(
                List.of(0, 1.0), Arrays.asList(1, Double.NaN), Arrays.asList(2, Double.POSITIVE_INFINITY),
                Arrays.asList(3, null), null, "x", List.of(4), List.of(5, 2.0, 3.0), List.of(6, "2.5"),
                List.of("7", 3.0), Arrays.asList(8, Double.NEGATIVE_INFINITY), Arrays.asList(Double.NaN, 1.0),
                List.of(9, "not a number"), Map.of("step", 10, "value", 1.0), new double[] {11, 4.0}));
        Element chart = chart(line("run", pairs));
        List<double[]> points = points(children(chart, "polyline").get(0));
        assertThat(points).hasSize(4);
        // steps 0, 6, 7, 11 with values 1, 2.5, 3, 4: the left end is the lowest, the right end the highest.
        assertThat(points.get(0)).containsExactly(LEFT, BOTTOM);
        assertThat(points.get(3)).containsExactly(RIGHT, TOP);
        assertThat(axisLabels(chart)).containsExactly("0", "11", "step", "4", "1");
    }

    @Test
    void pointsAreDrawnInStepOrder() throws Exception {
        Element chart = chart(line("run", List.of(List.of(2, 3.0), List.of(0, 1.0), List.of(1, 2.0))));
        List<double[]> points = points(children(chart, "polyline").get(0));
        assertThat(points).extracting(point -> point[0]).isSorted();
        assertThat(points).extracting(point -> point[1]).containsExactly(BOTTOM, (TOP + BOTTOM) / 2, TOP);
    }

    @Test
    void hundredsOfPointsAreAllDrawnInsideThePlot() throws Exception {
        List<List<Object>> pairs = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
            pairs.add(List.of(step, Math.sin(step / 10.0) * 1e6));
        }
        Element chart = chart(line("run", pairs));
        List<double[]> points = points(children(chart, "polyline").get(0));
        assertThat(points).hasSize(500).allSatisfy(ReportChartTest::insidePlot);
    }

    @Test
    void aHugeHandMadeSeriesIsThinnedButKeepsItsEnds() {
        List<List<Object>> pairs = new ArrayList<>();
        for (int step = 0; step < 10_001; step++) {
            pairs.add(List.of(step, (double) step));
        }
        MetricSeries series = MetricSeries.of("run", 0, pairs);
        assertThat(series.points()).hasSizeLessThanOrEqualTo(MetricSeries.MAX_POINTS).hasSizeGreaterThan(1000);
        assertThat(series.points().get(0).step()).isEqualTo(0);
        assertThat(series.last().step()).isEqualTo(10_000);
    }

    @Test
    void valuesNearTheLimitsOfDoubleStayInsideThePlot() throws Exception {
        Element chart = chart(line("run", List.of(List.of(0, -Double.MAX_VALUE), List.of(1, Double.MAX_VALUE),
                List.of(Long.MAX_VALUE, 0.0))));
        assertThat(points(children(chart, "polyline").get(0))).hasSize(3).allSatisfy(ReportChartTest::insidePlot);
    }

    @Test
    void closeMinAndMaxGetEnoughDigitsToDiffer() throws Exception {
        Element chart = chart(line("run", List.of(List.of(0, 0.93001), List.of(1, 0.93004))));
        assertThat(axisLabels(chart)).containsExactly("0", "1", "step", "0.93004", "0.93001");
    }

    @Test
    void aRunWithoutFiniteValuesIsNamedInTheLegendWithoutALine() throws Exception {
        Element chart = chart(line("good", List.of(List.of(0, 1.0), List.of(1, 2.0))),
                MetricSeries.of("broken", 1, List.of(Arrays.asList(0, Double.NaN))));
        assertThat(children(chart, "polyline")).hasSize(1);
        assertThat(chart.getTextContent()).contains("broken \u2014 no finite values");
    }

    @Test
    void aLongRunNameIsCutInTheLegendAndWholeInItsTooltip() throws Exception {
        String name = "sweep-" + "x".repeat(100);
        Element chart = chart(line(name, List.of(List.of(0, 1.0), List.of(1, 2.0))));
        Element legend = children(chart, "text").stream().filter(text -> text.getAttribute("font-size").equals("12"))
                .findFirst().orElseThrow();
        assertThat(legend.getTextContent()).startsWith(name + name.substring(0, 40) + "\u2026 \u2014 last 2");
        assertThat(children(legend, "title").get(0).getTextContent()).isEqualTo(name);
    }

    @Test
    void runsBeyondTenRepeatColorsWithDashes() throws Exception {
        List<MetricSeries> lines = new ArrayList<>();
        for (int run = 0; run < 12; run++) {
            lines.add(MetricSeries.of("run " + run, run, List.of(List.of(0, run), List.of(1, run + 1))));
        }
        Element chart = chart(lines.toArray(new MetricSeries[0]));
        List<Element> polylines = children(chart, "polyline");
        assertThat(polylines.get(0).getAttribute("stroke")).isEqualTo(polylines.get(10).getAttribute("stroke"));
        assertThat(polylines.get(0).hasAttribute("stroke-dasharray")).isFalse();
        assertThat(polylines.get(10).getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(polylines.stream().map(p -> p.getAttribute("stroke") + p.getAttribute("stroke-dasharray"))
                .distinct()).hasSize(12);
    }

    @Test
    void theReportDrawsNoChartForAMetricWithoutFiniteValues() throws Exception {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", "r");
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("nan-only", List.of(Arrays.asList(0, Double.NaN), Arrays.asList(1, Double.NaN)));
        series.put("fine", List.of(List.of(0, 1.0)));
        series.put("garbage", "not a list");
        run.put("series", series);
        Document document = XhtmlDocument.parse(ReportWriter.html("t", List.of(run), List.of(), Instant.EPOCH));
        String metrics = XhtmlDocument.byId(document, "metrics").getTextContent();
        assertThat(metrics).contains("nan-only: no finite values to draw.", "garbage: no finite values to draw.");
        assertThat(XhtmlDocument.elements(document, "figure")).hasSize(1);
        assertThat(XhtmlDocument.elements(document, "figcaption").get(0).getTextContent()).startsWith("fine by step");
    }

    private static MetricSeries line(String label, List<?> pairs) {
        return MetricSeries.of(label, 0, pairs);
    }

    private static Element chart(MetricSeries... lines) throws Exception {
        Markup out = new Markup();
        MetricChart.write(out, "loss", List.of(lines));
        assertThat(out.depth()).isZero();
        return XhtmlDocument.parse(out.toString()).getDocumentElement();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < parent.getElementsByTagName(tag).getLength(); i++) {
            found.add((Element) parent.getElementsByTagName(tag).item(i));
        }
        return found;
    }

    /** The axis labels (not the title, not the legend), in document order. */
    private static List<String> axisLabels(Element chart) {
        return children(chart, "text").stream()
                .filter(text -> text.getAttribute("font-size").equals("11"))
                .map(Element::getTextContent).collect(Collectors.toList());
    }

    private static List<double[]> points(Element polyline) {
        return Arrays.stream(polyline.getAttribute("points").split(" "))
                .map(pair -> Arrays.stream(pair.split(",")).mapToDouble(Double::parseDouble).toArray())
                .collect(Collectors.toList());
    }

    private static void insidePlot(double[] point) {
        assertThat(point[0]).isBetween(LEFT, RIGHT);
        assertThat(point[1]).isBetween(TOP, BOTTOM);
    }
}
