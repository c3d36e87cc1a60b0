package io.jenkins.plugins.mlpipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

    @Test
    void lastValuePerKeyInFirstReportedOrder() {
        MetricsRecorder recorder = new MetricsRecorder();
        recorder.record(Map.of("loss", 0.9));
        recorder.record(ordered("acc", 0.5, "loss", 0.7));
        recorder.record(Map.of("loss", 0.4));

        MetricsSnapshot snapshot = recorder.snapshot();

        assertThat(snapshot.latest()).containsExactly(entry("loss", 0.4), entry("acc", 0.5));
        assertThat(snapshot.series().get("loss")).extracting(MetricPoint::step, MetricPoint::value)
                .containsExactly(tuple(0L, 0.9), tuple(1L, 0.7),
                        tuple(2L, 0.4));
        assertThat(snapshot.ignoredValues()).isZero();
    }

    @Test
    void keysBeyondTheLimitAreIgnoredAndCountedWhileKnownKeysKeepUpdating() {
        MetricsRecorder recorder = new MetricsRecorder(2, 10);
        recorder.record(ordered("a", 1, "b", 2));
        recorder.record(ordered("c", 3, "a", 10));
        recorder.record(ordered("d", 4));

        MetricsSnapshot snapshot = recorder.snapshot();

        assertThat(snapshot.latest()).containsExactly(entry("a", 10.0), entry("b", 2.0));
        assertThat(snapshot.ignoredValues()).isEqualTo(2);
    }

    @Test
    void seriesIsDecimatedToTheBoundKeepingFirstLastAndOriginalSteps() {
        int max = 10;
        MetricsRecorder recorder = new MetricsRecorder(5, max);
        int total = 1_000;
        for (int i = 0; i < total; i++) {
            recorder.record(Map.of("loss", (double) i));
            List<MetricPoint> points = recorder.snapshot().series().get("loss");
            assertThat(points).hasSizeLessThanOrEqualTo(max);
            assertThat(points.get(0)).isEqualTo(new MetricPoint(0, 0.0));
            assertThat(points.get(points.size() - 1)).isEqualTo(new MetricPoint(i, i));
        }
        List<MetricPoint> points = recorder.snapshot().series().get("loss");
        assertThat(points).extracting(MetricPoint::step).isSorted().doesNotHaveDuplicates();
        // The value recorded at step s was s: decimation must keep each point's own step.
        assertThat(points).allSatisfy(p -> assertThat(p.value()).isEqualTo((double) p.step()));
        assertThat(points.size()).as("decimated, not emptied").isGreaterThanOrEqualTo(max / 2);
        assertThat(recorder.snapshot().latest()).containsEntry("loss", (double) total - 1);
    }

    @Test
    void snapshotIsImmutableDetachedAndSerializable() throws Exception {
        MetricsRecorder recorder = new MetricsRecorder();
        recorder.record(ordered("loss", 0.5, "acc", 0.75));
        MetricsSnapshot snapshot = recorder.snapshot();
        recorder.record(Map.of("loss", 0.1));

        assertThat(snapshot.latest()).containsEntry("loss", 0.5);
        assertThatThrownBy(() -> snapshot.latest().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snapshot.series().get("loss").add(new MetricPoint(9, 9)))
                .isInstanceOf(UnsupportedOperationException.class);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            MetricsSnapshot back = (MetricsSnapshot) in.readObject();
            assertThat(back.latest()).containsExactly(entry("loss", 0.5), entry("acc", 0.75));
            assertThat(back.series()).isEqualTo(snapshot.series());
        }
    }

    @Test
    void skipsNullAndNonFiniteValues() {
        MetricsRecorder recorder = new MetricsRecorder();
        Map<String, Double> event = new LinkedHashMap<>();
        event.put("nan", Double.NaN);
        event.put("inf", Double.POSITIVE_INFINITY);
        event.put("none", null);
        event.put("ok", 1.5);
        recorder.record(event);
        assertThat(recorder.snapshot().latest()).containsOnlyKeys("ok");
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        MetricsRecorder recorder = new MetricsRecorder(10, 100_000);
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        recorder.record(Map.of("shared", 1.0));
                        recorder.snapshot();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<MetricPoint> points = recorder.snapshot().series().get("shared");
        assertThat(points).hasSize(threads * perThread);
        assertThat(points.get(points.size() - 1).step()).isEqualTo(threads * perThread - 1L);
    }

    @Test
    void rejectsUselessBounds() {
        assertThatThrownBy(() -> new MetricsRecorder(0, 10)).hasMessageContaining("maxKeys");
        assertThatThrownBy(() -> new MetricsRecorder(10, 1)).hasMessageContaining("maxPointsPerKey");
    }

    private static Map<String, Double> ordered(Object... keysAndValues) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
        }
        return map;
    }

    @Test
    void resumingFromASnapshotContinuesAsIfNothingHappened() {
        for (int split : new int[] {1, 2, 3, 499, 500, 777, 1_000, 1_336}) {
            MetricsRecorder uninterrupted = new MetricsRecorder();
            MetricsRecorder beforeRestart = new MetricsRecorder();
            for (int i = 0; i < split; i++) {
                uninterrupted.record(Map.of("loss", 1.0 / (i + 1)));
                beforeRestart.record(Map.of("loss", 1.0 / (i + 1)));
            }
            MetricsRecorder afterRestart = MetricsRecorder.resumeFrom(beforeRestart.snapshot());
            for (int i = split; i < 1_337; i++) {
                uninterrupted.record(Map.of("loss", 1.0 / (i + 1), "acc", i / 1337.0));
                afterRestart.record(Map.of("loss", 1.0 / (i + 1), "acc", i / 1337.0));
            }
            assertThat(afterRestart.snapshot().series()).as("split at %d", split)
                    .isEqualTo(uninterrupted.snapshot().series());
            assertThat(afterRestart.snapshot().latest()).isEqualTo(uninterrupted.snapshot().latest());
        }
    }

    @Test
    void resumingFromAnEmptySnapshotIsAFreshRecorder() {
        MetricsRecorder resumed = MetricsRecorder.resumeFrom(MetricsSnapshot.empty());
        resumed.record(Map.of("loss", 0.5));
        assertThat(resumed.snapshot().series().get("loss")).extracting(MetricPoint::step).containsExactly(0L);
    }
}
