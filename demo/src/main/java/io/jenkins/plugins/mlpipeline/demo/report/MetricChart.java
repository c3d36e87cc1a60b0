package io.jenkins.plugins.mlpipeline.demo.report;

import java.util.List;
import java.util.Locale;

/**
 * One metric across runs as an inline SVG line chart: a polyline per run in the run's color, the step on the x axis,
 * min and max labels on both axes, and a legend naming each run with its last value. Only SVG presentation
 * attributes are used (Jenkins' Content-Security-Policy forbids inline CSS).
 *
 * <p>A run with one point is drawn as a dot (a polyline of one point is invisible). When every value is the same,
 * or every step, the points sit on the middle of that axis, which then has a single label.
 */
final class MetricChart {

    static final int WIDTH = 640;
    private static final int PLOT_LEFT = 76;
    private static final int PLOT_RIGHT = WIDTH - 24;
    private static final int PLOT_TOP = 34;
    private static final int PLOT_BOTTOM = 234;
    private static final int LEGEND_TOP = 292;
    private static final int LEGEND_ROW = 18;
    /** Legend labels longer than this are cut; the full name is in the label's tooltip. */
    private static final int MAX_LABEL = 40;

    private static final String TEXT_COLOR = "#333333";
    private static final String FONT = "sans-serif";

    private MetricChart() {
    }

    /** Appends the chart of {@code metric}; {@code lines} has at least one series with points. */
    static void write(Markup out, String metric, List<MetricSeries> lines) {
        Range steps = new Range();
        Range values = new Range();
        for (MetricSeries line : lines) {
            for (MetricSeries.Point point : line.points()) {
                steps.add(point.step());
                values.add(point.value());
            }
        }
        int height = LEGEND_TOP + LEGEND_ROW * lines.size();
        out.open("svg", "width", Integer.toString(WIDTH), "height", Integer.toString(height),
                "viewBox", "0 0 " + WIDTH + " " + height, "role", "img",
                "aria-label", "Line chart of " + metric + " by step, one line per run");
        out.element("title", metric + " by step");
        out.empty("rect", "x", "0", "y", "0", "width", Integer.toString(WIDTH), "height", Integer.toString(height),
                "fill", "#ffffff");
        text(out, metric, WIDTH / 2.0, 20, "middle", "14", "bold");
        axes(out, steps, values);
        for (MetricSeries line : lines) {
            plot(out, metric, line, steps, values);
        }
        legend(out, lines);
        out.close();
    }

    private static void axes(Markup out, Range steps, Range values) {
        out.empty("rect", "x", Integer.toString(PLOT_LEFT), "y", Integer.toString(PLOT_TOP),
                "width", Integer.toString(PLOT_RIGHT - PLOT_LEFT), "height", Integer.toString(PLOT_BOTTOM - PLOT_TOP),
                "fill", "#fafafa", "stroke", "#cccccc", "stroke-width", "1");
        out.empty("line", "x1", Integer.toString(PLOT_LEFT), "y1", Integer.toString(PLOT_BOTTOM),
                "x2", Integer.toString(PLOT_RIGHT), "y2", Integer.toString(PLOT_BOTTOM), "stroke", TEXT_COLOR,
                "stroke-width", "1");
        out.empty("line", "x1", Integer.toString(PLOT_LEFT), "y1", Integer.toString(PLOT_TOP),
                "x2", Integer.toString(PLOT_LEFT), "y2", Integer.toString(PLOT_BOTTOM), "stroke", TEXT_COLOR,
                "stroke-width", "1");
        double labelY = PLOT_BOTTOM + 16;
        int stepDigits = labelDigits(steps.min, steps.max);
        if (steps.isSingle()) {
            text(out, Formats.significant(steps.min, stepDigits), (PLOT_LEFT + PLOT_RIGHT) / 2.0, labelY, "middle",
                    "11", null);
        } else {
            text(out, Formats.significant(steps.min, stepDigits), PLOT_LEFT, labelY, "start", "11", null);
            text(out, Formats.significant(steps.max, stepDigits), PLOT_RIGHT, labelY, "end", "11", null);
        }
        text(out, "step", (PLOT_LEFT + PLOT_RIGHT) / 2.0, PLOT_BOTTOM + 32, "middle", "11", null);
        double labelX = PLOT_LEFT - 6;
        int valueDigits = labelDigits(values.min, values.max);
        if (values.isSingle()) {
            text(out, Formats.significant(values.min, valueDigits), labelX, (PLOT_TOP + PLOT_BOTTOM) / 2.0 + 4, "end",
                    "11", null);
        } else {
            text(out, Formats.significant(values.max, valueDigits), labelX, PLOT_TOP + 10, "end", "11", null);
            text(out, Formats.significant(values.min, valueDigits), labelX, PLOT_BOTTOM, "end", "11", null);
        }
    }

    private static void plot(Markup out, String metric, MetricSeries line, Range steps, Range values) {
        if (line.isEmpty()) {
            return;
        }
        String color = Palette.color(line.run());
        String tooltip = line.label() + ": " + metric;
        if (line.points().size() == 1) {
            MetricSeries.Point point = line.points().get(0);
            out.open("circle", "cx", coordinate(x(point.step(), steps)), "cy", coordinate(y(point.value(), values)),
                    "r", "3.5", "fill", color);
            out.element("title", tooltip + " = " + Formats.significant(point.value(), 6));
            out.close();
            return;
        }
        StringBuilder points = new StringBuilder(line.points().size() * 12);
        for (MetricSeries.Point point : line.points()) {
            if (points.length() > 0) {
                points.append(' ');
            }
            points.append(coordinate(x(point.step(), steps))).append(',').append(coordinate(y(point.value(), values)));
        }
        out.open("polyline", "points", points.toString(), "fill", "none", "stroke", color, "stroke-width", "2",
                "stroke-dasharray", Palette.dashes(line.run()), "stroke-linejoin", "round");
        out.element("title", tooltip);
        out.close();
    }

    private static void legend(Markup out, List<MetricSeries> lines) {
        double y = LEGEND_TOP - 4;
        for (MetricSeries line : lines) {
            String color = Palette.color(line.run());
            out.empty("line", "x1", Integer.toString(PLOT_LEFT), "y1", coordinate(y - 4),
                    "x2", Integer.toString(PLOT_LEFT + 24), "y2", coordinate(y - 4), "stroke", color,
                    "stroke-width", "3", "stroke-dasharray", Palette.dashes(line.run()));
            String name = line.label().length() > MAX_LABEL
                    ? line.label().substring(0, MAX_LABEL) + "\u2026" : line.label();
            String summary = line.isEmpty() ? "no finite values"
                    : "last " + Formats.significant(line.last().value(), 6) + " at step "
                    + Formats.significant(line.last().step(), 10);
            out.open("text", "x", Integer.toString(PLOT_LEFT + 32), "y", coordinate(y), "font-family", FONT,
                    "font-size", "12", "fill", TEXT_COLOR);
            out.element("title", line.label());
            out.text(name + " \u2014 " + summary);
            out.close();
            y += LEGEND_ROW;
        }
    }

    private static void text(Markup out, String text, double x, double y, String anchor, String size, String weight) {
        out.element("text", text, "x", coordinate(x), "y", coordinate(y), "text-anchor", anchor,
                "font-family", FONT, "font-size", size, "font-weight", weight, "fill", TEXT_COLOR);
    }

    private static double x(double step, Range steps) {
        return PLOT_LEFT + steps.fraction(step) * (PLOT_RIGHT - PLOT_LEFT);
    }

    private static double y(double value, Range values) {
        return PLOT_BOTTOM - values.fraction(value) * (PLOT_BOTTOM - PLOT_TOP);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * Significant digits for the labels at the two ends of an axis: 4, or more when needed to tell them apart (a loss
     * between 0.93001 and 0.93004 must not be labelled 0.93 at both ends).
     */
    static int labelDigits(double min, double max) {
        int digits = 4;
        while (min != max && digits < 17 && Formats.significant(min, digits).equals(Formats.significant(max, digits))) {
            digits++;
        }
        return digits;
    }

    /** Min and max of finite numbers. */
    private static final class Range {
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double value) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        boolean isSingle() {
            return min == max;
        }

        /**
         * Where {@code value} lies between min (0) and max (1); the middle when they are equal. Computed on halves so
         * that {@code max - min} cannot overflow for values near {@link Double#MAX_VALUE}.
         */
        double fraction(double value) {
            if (isSingle()) {
                return 0.5;
            }
            return (value / 2 - min / 2) / (max / 2 - min / 2);
        }
    }
}
