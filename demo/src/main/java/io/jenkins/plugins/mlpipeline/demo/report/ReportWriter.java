package io.jenkins.plugins.mlpipeline.demo.report;

import io.jenkins.plugins.mlpipeline.registry.ModelSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The local demo's report: one self-contained HTML page with the runs mlTrain returned (parameters, metrics charts,
 * outputs) and the registered models (versions, lineage, aliases and their history).
 *
 * <p>The page is meant to be archived and opened in Jenkins too, so it obeys Jenkins' default Content-Security-Policy
 * for archived files ({@code sandbox; default-src 'none'; img-src 'self'; style-src 'self'}): it loads nothing, has
 * no script and no inline CSS. Charts are inline SVG styled by presentation attributes. Every value from a run map
 * or the registry is escaped, and the page is well-formed XML as well as HTML.
 */
public final class ReportWriter {

    static final String DEFAULT_TITLE = "ML Pipeline Steps report";

    private static final DateTimeFormatter GENERATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReportWriter() {
    }

    /** One self-contained page; every user string escaped. */
    public static String html(String title, List<Map<String, Object>> runs, List<ModelSummary> models) {
        return html(title, runs, models, Instant.now());
    }

    /**
     * Writes {@link #html} to {@code file} (UTF-8), creating parent directories, atomically: a reader sees the old
     * page or the new one, never half of it.
     */
    public static void write(Path file, String title, List<Map<String, Object>> runs, List<ModelSummary> models)
            throws IOException {
        byte[] page = html(title, runs, models).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, target.getFileName() + ".", ".tmp");
        try {
            Files.write(temporary, page);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String html(String title, List<Map<String, Object>> runs, List<ModelSummary> models, Instant generated) {
        String pageTitle = title == null || title.isBlank() ? DEFAULT_TITLE : title;
        List<Object> runList = runs == null ? List.of() : new ArrayList<>(runs);
        List<ModelSummary> modelList = new ArrayList<>();
        if (models != null) {
            models.stream().filter(Objects::nonNull).forEach(modelList::add);
        }

        Markup out = new Markup();
        out.raw("<!DOCTYPE html>\n");
        out.open("html", "lang", "en");
        out.open("head");
        out.empty("meta", "charset", "utf-8");
        out.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        out.element("title", pageTitle);
        out.close();
        out.open("body");
        out.open("header");
        out.element("h1", pageTitle);
        out.element("p", "Generated " + GENERATED.format(generated) + " \u00b7 " + count(runList.size(), "run")
                + " \u00b7 " + count(modelList.size(), "model"));
        out.close();
        contents(out, runList, modelList);
        out.open("main");
        charts(out, runList);
        runs(out, runList);
        models(out, modelList);
        out.close();
        out.open("footer");
        out.element("p", "Written by the ML Pipeline Steps local demo. The page loads nothing and runs no script.");
        out.close();
        out.close().close();
        return out.raw("\n").toString();
    }

    private static void contents(Markup out, List<Object> runs, List<ModelSummary> models) {
        out.open("nav", "aria-label", "Contents");
        out.element("h2", "Contents");
        out.open("ul");
        out.open("li").element("a", "Metrics", "href", "#metrics").close();
        out.open("li").element("a", "Runs", "href", "#runs");
        if (!runs.isEmpty()) {
            out.open("ul");
            for (int i = 0; i < runs.size(); i++) {
                out.open("li").element("a", RunSection.label(runs.get(i), i), "href", "#" + RunSection.anchor(i))
                        .close();
            }
            out.close();
        }
        out.close();
        out.open("li").element("a", "Models", "href", "#models");
        if (!models.isEmpty()) {
            out.open("ul");
            for (int i = 0; i < models.size(); i++) {
                out.open("li").element("a", ModelSection.label(models.get(i), i), "href",
                        "#" + ModelSection.anchor(i)).close();
            }
            out.close();
        }
        out.close();
        out.close().close();
    }

    /** Metrics that only count steps; they are listed in the run tables but not charted. */
    private static final java.util.Set<String> COUNTERS = java.util.Set.of("epoch", "step", "iteration");

    /** One chart per metric, a line per run: runs compare at a glance, and each axis has one unit. */
    private static void charts(Markup out, List<Object> runs) {
        out.open("section", "id", "metrics");
        out.element("h2", "Metrics");
        Map<String, List<MetricSeries>> byMetric = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Object run = runs.get(i);
            try {
                String label = RunSection.chartLabel(run, i);
                for (Map.Entry<String, Object> series : Values.map(run, "series").entrySet()) {
                    if (COUNTERS.contains(series.getKey())) {
                        continue; // a counter plotted against the step is a straight line; the tables show it
                    }
                    MetricSeries line = MetricSeries.of(label, i, series.getValue());
                    byMetric.computeIfAbsent(series.getKey(), metric -> new ArrayList<>()).add(line);
                }
            } catch (RuntimeException unreadable) {
                // A run map that cannot be read loses its lines, not the page; its section says why.
            }
        }
        if (byMetric.isEmpty()) {
            out.element("p", "No run reported metric series.");
        }
        byMetric.forEach((metric, lines) -> {
            if (lines.stream().allMatch(MetricSeries::isEmpty)) {
                out.element("p", metric + ": no finite values to draw.");
            } else {
                out.open("figure");
                MetricChart.write(out, metric, lines);
                out.element("figcaption", metric + " by step, one line per run.");
                out.close();
            }
        });
        out.close();
    }

    private static void runs(Markup out, List<Object> runs) {
        out.open("section", "id", "runs");
        out.element("h2", "Runs");
        if (runs.isEmpty()) {
            out.element("p", "No runs.");
        }
        for (int i = 0; i < runs.size(); i++) {
            int index = i;
            Object run = runs.get(i);
            section(out, "Run " + (i + 1), RunSection.anchor(i), section -> RunSection.write(section, run, index));
        }
        out.close();
    }

    private static void models(Markup out, List<ModelSummary> models) {
        out.open("section", "id", "models");
        out.element("h2", "Models");
        if (models.isEmpty()) {
            out.element("p", "No models registered.");
        }
        for (int i = 0; i < models.size(); i++) {
            int index = i;
            ModelSummary model = models.get(i);
            section(out, "Model " + (i + 1), ModelSection.anchor(i),
                    section -> ModelSection.write(section, model, index));
        }
        out.close();
    }

    /**
     * Renders one section apart, so that a value that breaks its rendering (an odd map that throws) costs that
     * section only: the page still comes out, saying what could not be shown.
     */
    private static void section(Markup out, String what, String anchor, Consumer<Markup> writer) {
        Markup section = new Markup();
        try {
            writer.accept(section);
            if (section.depth() != 0) {
                throw new IllegalStateException("the section left " + section.depth() + " elements open");
            }
            out.raw(section.toString());
        } catch (RuntimeException unreadable) {
            out.open("section", "id", anchor);
            out.element("h3", what);
            out.element("p", what + " could not be shown: " + unreadable.getClass().getSimpleName() + ": "
                    + Values.cut(String.valueOf(unreadable.getMessage())));
            out.close();
        }
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
