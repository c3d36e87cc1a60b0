package io.jenkins.plugins.mlpipeline.steps;

import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain maps mlTrain and mlSensor return to the Jenkinsfile: strings, numbers, lists and maps only, so a
 * sandboxed script may read every key. The same keys whether the run finished or was only launched.
 */
final class RunMaps {

    /** Every key a returned map has, in order; docs/steps.md documents each. */
    static final String[] KEYS = {"id", "cloud", "namespace", "name", "uid", "status", "reason", "message", "metrics",
        "series", "imageDigest", "startTime", "endTime", "durationSeconds", "attempts"};

    private RunMaps() {
    }

    static Map<String, Object> finished(String cloud, RunResult result) {
        Map<String, Object> map = head(cloud, result.ref());
        map.putAll(result.toMap());
        return map;
    }

    /** A run that was launched (or is still going when a sensor gives up): what is known without waiting. */
    static Map<String, Object> unfinished(String cloud, RunRef ref, RunVerdict verdict, Map<String, Double> metrics) {
        Map<String, Object> map = head(cloud, ref);
        map.put("namespace", ref.namespace());
        map.put("name", ref.name());
        map.put("uid", ref.uid());
        map.put("status", verdict.phase().name());
        map.put("reason", verdict.reason());
        map.put("message", verdict.message());
        map.put("metrics", new LinkedHashMap<>(metrics));
        map.put("series", new LinkedHashMap<>());
        map.put("imageDigest", null);
        map.put("startTime", null);
        map.put("endTime", null);
        map.put("durationSeconds", null);
        map.put("attempts", 0);
        return map;
    }

    private static Map<String, Object> head(String cloud, RunRef ref) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", ref.namespace() + "/" + ref.name());
        map.put("cloud", cloud);
        return map;
    }
}
