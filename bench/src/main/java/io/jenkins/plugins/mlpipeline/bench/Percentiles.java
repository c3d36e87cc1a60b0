package io.jenkins.plugins.mlpipeline.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a sample of durations in milliseconds. */
public final class Percentiles {

    private final double[] sorted;

    public Percentiles(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        this.sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The smallest sample such that at least {@code p} percent of the samples are at or below it. */
    public double at(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("p must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return "p50 " + Format.ms(at(50)) + ", p99 " + Format.ms(at(99)) + ", max " + Format.ms(max()) + " (n="
                + sorted.length + ")";
    }

    double[] values() {
        return Arrays.copyOf(sorted, sorted.length);
    }
}
