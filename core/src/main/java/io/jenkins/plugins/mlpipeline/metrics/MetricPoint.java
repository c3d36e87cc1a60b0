package io.jenkins.plugins.mlpipeline.metrics;

import java.io.Serializable;

/**
 * One recorded value of a metric. {@code step} is the 0-based index of the value among all values reported
 * for that metric, so a decimated series still plots at the right x positions.
 *
 * <p>A plain class rather than a record: XStream (Jenkins' persistence) cannot restore records.
 */
public final class MetricPoint implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final double value;

    public MetricPoint(long step, double value) {
        this.step = step;
        this.value = value;
    }

    public long step() {
        return step;
    }

    public double value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricPoint && ((MetricPoint) o).step == step
                && Double.compare(((MetricPoint) o).value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return step + ":" + value;
    }
}
