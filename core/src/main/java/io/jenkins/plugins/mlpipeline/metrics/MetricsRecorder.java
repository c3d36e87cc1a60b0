package io.jenkins.plugins.mlpipeline.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Collects the metrics events of one run. Thread-safe.
 *
 * <p>Bounds, so a chatty or buggy script cannot exhaust the controller's memory:
 * <ul>
 *   <li>at most {@code maxKeys} distinct keys: values of further keys are ignored (counted in
 *       {@link MetricsSnapshot#ignoredValues()}); keys already known keep being updated;</li>
 *   <li>at most {@code maxPointsPerKey} points per key, by decimation: whenever a series fills up, every second
 *       point is dropped and from then on only every second value is kept (the stride doubles). The first
 *       value (step 0) and the most recent value are always kept, and every point keeps its original step.</li>
 * </ul>
 * The last value per key is exact, whatever the decimation.
 */
public final class MetricsRecorder {

    public static final int DEFAULT_MAX_KEYS = 200;
    public static final int DEFAULT_MAX_POINTS_PER_KEY = 500;

    private static final Logger LOGGER = Logger.getLogger(MetricsRecorder.class.getName());

    private final int maxKeys;
    private final int maxPointsPerKey;
    private final LinkedHashMap<String, Series> series = new LinkedHashMap<>();
    private long ignoredValues;

    /** With {@link #DEFAULT_MAX_KEYS} keys and {@link #DEFAULT_MAX_POINTS_PER_KEY} points per key. */
    public MetricsRecorder() {
        this(DEFAULT_MAX_KEYS, DEFAULT_MAX_POINTS_PER_KEY);
    }

    /**
     * @param maxKeys distinct keys kept, at least 1
     * @param maxPointsPerKey points kept per key, at least 2 (the first and the last)
     */
    public MetricsRecorder(int maxKeys, int maxPointsPerKey) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be >= 1, was " + maxKeys);
        }
        if (maxPointsPerKey < 2) {
            throw new IllegalArgumentException("maxPointsPerKey must be >= 2, was " + maxPointsPerKey);
        }
        this.maxKeys = maxKeys;
        this.maxPointsPerKey = maxPointsPerKey;
    }

    /**
     * A recorder that carries on from a snapshot (persisted before a controller restart): the same last values and
     * series, and new values continue the step numbering and the decimation.
     */
    public static MetricsRecorder resumeFrom(MetricsSnapshot snapshot) {
        MetricsRecorder recorder = new MetricsRecorder();
        synchronized (recorder) {
            recorder.ignoredValues = snapshot.ignoredValues();
            snapshot.series().forEach((key, points) -> {
                if (!points.isEmpty() && recorder.series.size() < recorder.maxKeys) {
                    recorder.series.put(key, Series.restore(recorder.maxPointsPerKey, points));
                }
            });
        }
        return recorder;
    }

    /** Records one event, e.g. from {@link MetricsParser#parse(String)}; skips null keys, null or non-finite values. */
    public synchronized void record(Map<String, ? extends Number> event) {
        for (Map.Entry<String, ? extends Number> entry : event.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null
                    || !Double.isFinite(entry.getValue().doubleValue())) {
                continue;
            }
            Series s = series.get(entry.getKey());
            if (s == null) {
                if (series.size() >= maxKeys) {
                    if (ignoredValues++ == 0) {
                        LOGGER.warning(() -> "More than " + maxKeys + " metric keys; ignoring new key "
                                + entry.getKey() + " and any further new keys");
                    }
                    continue;
                }
                s = new Series(maxPointsPerKey);
                series.put(entry.getKey(), s);
            }
            s.add(entry.getValue().doubleValue());
        }
    }

    /** A consistent, immutable copy of everything recorded so far. */
    public synchronized MetricsSnapshot snapshot() {
        LinkedHashMap<String, Double> latest = new LinkedHashMap<>();
        LinkedHashMap<String, ArrayList<MetricPoint>> points = new LinkedHashMap<>();
        series.forEach((key, s) -> {
            latest.put(key, s.latest.value());
            points.put(key, s.points());
        });
        return new MetricsSnapshot(latest, points, ignoredValues);
    }

    /** One key's series with stride decimation; see the class comment. */
    private static final class Series {

        private final int maxPoints;
        private final ArrayList<MetricPoint> kept = new ArrayList<>();
        private long stride = 1;
        private long count;
        private MetricPoint latest;

        Series(int maxPoints) {
            this.maxPoints = maxPoints;
        }

        /**
         * Rebuilds a series from its snapshot points. The stride is a function of the number of values seen, so it
         * is recomputed by replaying the decimation over the step numbers alone (no values: cheap even for millions).
         */
        static Series restore(int maxPoints, java.util.List<MetricPoint> points) {
            Series s = new Series(maxPoints);
            MetricPoint last = points.get(points.size() - 1);
            long count = last.step() + 1;
            long stride = 1;
            long kept = 0;
            for (long step = 0; step < count; step++) {
                if (step % stride == 0 && ++kept > maxPoints - 1) {
                    stride *= 2;
                    kept = step / stride + 1;
                }
            }
            s.stride = stride;
            for (MetricPoint p : points) {
                if (p.step() % stride == 0) {
                    s.kept.add(p);
                }
            }
            s.latest = last;
            s.count = count;
            return s;
        }

        void add(double value) {
            MetricPoint point = new MetricPoint(count++, value);
            latest = point;
            if (point.step() % stride != 0) {
                return;
            }
            kept.add(point);
            // One slot stays free for the latest point, which need not be on the stride.
            if (kept.size() > maxPoints - 1) {
                stride *= 2;
                long newStride = stride;
                kept.removeIf(p -> p.step() % newStride != 0);
            }
        }

        ArrayList<MetricPoint> points() {
            ArrayList<MetricPoint> copy = new ArrayList<>(kept.size() + 1);
            copy.addAll(kept);
            if (kept.isEmpty() || kept.get(kept.size() - 1) != latest) {
                copy.add(latest);
            }
            return copy;
        }
    }
}
