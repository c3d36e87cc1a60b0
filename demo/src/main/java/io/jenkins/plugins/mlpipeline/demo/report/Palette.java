package io.jenkins.plugins.mlpipeline.demo.report;

/**
 * Colors of the runs in charts: a run keeps its color in every chart. After ten runs the colors repeat with
 * a dash pattern, so lines stay distinguishable.
 */
final class Palette {

    /** Matplotlib's default cycle: the colors ML engineers know from their notebooks. */
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String[] DASHES = {null, "8 4", "2 3", "8 3 2 3"};

    private Palette() {
    }

    static String color(int run) {
        return COLORS[Math.floorMod(run, COLORS.length)];
    }

    /** A {@code stroke-dasharray} value, or {@code null} (solid) for the first ten runs. */
    static String dashes(int run) {
        return DASHES[Math.floorMod(run / COLORS.length, DASHES.length)];
    }
}
