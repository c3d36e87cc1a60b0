package io.jenkins.plugins.mlpipeline.demo.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plottable points of one metric of one run, read from the run map's {@code series} entry (a list of
 * {@code [step, value]} pairs). Points that are not a pair of numbers, or whose step or value is NaN or infinite,
 * are skipped; the rest are sorted by step.
 *
 * @param label  what the legend calls the run
 * @param run    the run's position in the report, which fixes its color in every chart
 * @param points finite points in step order
 */
record MetricSeries(String label, int run, List<Point> points) {

    /**
     * Points drawn per line at most. The engine already bounds a series (500 points); this guards a hand-made map,
     * since a chart 640 pixels wide shows no more anyway.
     */
    static final int MAX_POINTS = 2000;

    record Point(double step, double value) {
    }

    MetricSeries {
        points = List.copyOf(points);
    }

    /** Reads {@code pairs}; anything that is not a list of pairs gives no points. */
    static MetricSeries of(String label, int run, Object pairs) {
        List<Point> points = new ArrayList<>();
        for (Object pair : Values.asList(pairs)) {
            List<Object> stepAndValue = Values.asList(pair);
            if (stepAndValue.size() != 2) {
                continue;
            }
            Double step = Values.asNumber(stepAndValue.get(0));
            Double value = Values.asNumber(stepAndValue.get(1));
            if (step != null && value != null && Double.isFinite(step) && Double.isFinite(value)) {
                points.add(new Point(step, value));
            }
        }
        points.sort(Comparator.comparingDouble(Point::step));
        return new MetricSeries(label, run, thin(points));
    }

    /** Every n-th point so that at most {@link #MAX_POINTS} remain; the last point is always kept. */
    private static List<Point> thin(List<Point> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int stride = (points.size() + MAX_POINTS - 2) / (MAX_POINTS - 1);
        List<Point> thinned = new ArrayList<>();
        for (int i = 0; i < points.size() - 1; i += stride) {
            thinned.add(points.get(i));
        }
        thinned.add(points.get(points.size() - 1));
        return thinned;
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    Point last() {
        return points.get(points.size() - 1);
    }
}
