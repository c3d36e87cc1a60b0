package io.jenkins.plugins.mlpipeline.engine;

import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.metrics.MetricPoint;
import io.jenkins.plugins.mlpipeline.metrics.MetricsSnapshot;
import io.jenkins.plugins.mlpipeline.outputs.CollectedOutputs;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one remote run, with what the build returns to the Jenkinsfile.
 *
 * @param ref          the Job
 * @param verdict      final classification; its message already quotes the last log lines for failures
 * @param metrics      metrics the container reported: last value per key and bounded series
 * @param imageDigest  image reference with digest the runtime reported for the main container, or null
 * @param startTime    when the Job started, or null
 * @param endTime      when it finished, or null
 * @param attempts     pods the Job ran
 * @param outputs      the files collected from the run's output directory, or null (no outputs asked for, or the
 *                     run did not succeed)
 */
public record RunResult(RunRef ref, RunVerdict verdict, MetricsSnapshot metrics, String imageDigest, Instant startTime,
                        Instant endTime, int attempts, CollectedOutputs outputs) {

    /** Plain map of strings, numbers, lists and maps: what a sandboxed Jenkinsfile may read. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("namespace", ref.namespace());
        map.put("name", ref.name());
        map.put("uid", ref.uid());
        map.put("status", verdict.phase().name());
        map.put("reason", verdict.reason());
        map.put("message", verdict.message());
        map.put("metrics", new LinkedHashMap<>(metrics.latest()));
        Map<String, Object> series = new LinkedHashMap<>();
        for (Map.Entry<String, List<MetricPoint>> e : metrics.series().entrySet()) {
            series.put(e.getKey(), e.getValue().stream().map(p -> List.of(p.step(), p.value())).toList());
        }
        map.put("series", series);
        map.put("imageDigest", imageDigest);
        map.put("startTime", startTime == null ? null : startTime.toString());
        map.put("endTime", endTime == null ? null : endTime.toString());
        map.put("durationSeconds", startTime == null || endTime == null ? null
                : Duration.between(startTime, endTime).toMillis() / 1000.0);
        map.put("attempts", attempts);
        map.put("outputs", outputs == null ? List.of() : outputs.files().stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("size", f.size());
            file.put("sha256", f.sha256());
            return (Object) file;
        }).toList());
        map.put("outputBytes", outputs == null ? 0L : outputs.totalBytes());
        map.put("result", outputs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(outputs.result()));
        map.put("remoteModel", outputs == null ? null : outputs.remote().map(r -> {
            Map<String, Object> remote = new LinkedHashMap<>();
            remote.put("uri", r.uri());
            remote.put("sha256", r.sha256());
            return (Object) remote;
        }).orElse(null));
        return map;
    }
}
