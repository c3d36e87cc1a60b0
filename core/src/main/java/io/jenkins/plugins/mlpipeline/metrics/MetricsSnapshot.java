package io.jenkins.plugins.mlpipeline.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a run at one moment: the last value per key (the run's metrics, what the step returns to
 * Groovy) and each key's bounded series (for charts). Keys keep the order in which they were first reported.
 *
 * <p>Immutable and {@link Serializable}; all getters return unmodifiable views. Stored internally as plain
 * {@link LinkedHashMap}/{@link ArrayList} rather than JDK-internal immutable collections so that Java
 * serialization and XStream (Jenkins' persistence) both handle it.
 */
public final class MetricsSnapshot implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Double> latest;
    private final LinkedHashMap<String, ArrayList<MetricPoint>> series;
    private final long ignoredValues;

    MetricsSnapshot(LinkedHashMap<String, Double> latest, LinkedHashMap<String, ArrayList<MetricPoint>> series,
            long ignoredValues) {
        this.latest = latest;
        this.series = series;
        this.ignoredValues = ignoredValues;
    }

    /** An empty snapshot. */
    public static MetricsSnapshot empty() {
        return new MetricsSnapshot(new LinkedHashMap<>(), new LinkedHashMap<>(), 0);
    }

    /** Last reported value per key. */
    public Map<String, Double> latest() {
        return Collections.unmodifiableMap(latest);
    }

    /** The kept points per key, by increasing step; includes the first and the last reported value. */
    public Map<String, List<MetricPoint>> series() {
        Map<String, List<MetricPoint>> view = new LinkedHashMap<>();
        series.forEach((key, points) -> view.put(key, Collections.unmodifiableList(points)));
        return Collections.unmodifiableMap(view);
    }

    /** Values dropped because their key came after the recorder's key limit was reached. */
    public long ignoredValues() {
        return ignoredValues;
    }

    @Override
    public String toString() {
        return "MetricsSnapshot" + latest + (ignoredValues > 0 ? " (+" + ignoredValues + " ignored values)" : "");
    }
}
