package io.jenkins.plugins.mlpipeline.steps;

import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain maps mlTrain and mlSensor return to the Jenkinsfile: strings, numbers, lists and maps only, so a
 * sandboxed script may read every key. The same keys whether the run finished or was only launched.
 */
final class RunMaps {

    /** Every key a returned map has, in order; docs/steps.md documents each. */
    static final String[] KEYS = {"id", "cloud", "namespace", "name", "uid", "status", "reason", "message", "metrics",
        "series", "imageDigest", "startTime", "endTime", "durationSeconds", "attempts", "outputs", "outputBytes",
        "result", "remoteModel", "build", "image", "params", "inputs", "gitCommit", "cached", "cachedFrom", "cacheKey"};
    /** The keys {@link #withLineage} sets: what mlTrain knows about the run beyond the Job. */
    static final String[] LINEAGE_KEYS = {"build", "image", "params", "inputs", "gitCommit", "cached", "cachedFrom",
        "cacheKey"};

    private RunMaps() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> finished(String cloud, RunResult result) {
        Map<String, Object> map = head(cloud, result.ref());
        // Plain copies: the map is kept in the Pipeline's program.dat, where only plain collections are welcome.
        map.putAll((Map<String, Object>) PlainValues.plain(result.toMap()));
        noLineage(map);
        return map;
    }

    /** Adds mlTrain's lineage (keys {@link #LINEAGE_KEYS}) to a returned map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withLineage(Map<String, Object> map, Map<String, Object> lineage) {
        for (String key : LINEAGE_KEYS) {
            if (lineage.containsKey(key)) {
                map.put(key, PlainValues.plain(lineage.get(key)));
            }
        }
        return map;
    }

    private static void noLineage(Map<String, Object> map) {
        map.put("build", null);
        map.put("image", null);
        map.put("params", new LinkedHashMap<>());
        map.put("inputs", new LinkedHashMap<>());
        map.put("gitCommit", null);
        map.put("cached", false);
        map.put("cachedFrom", null);
        map.put("cacheKey", null);
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
        map.put("outputs", new ArrayList<>());
        map.put("outputBytes", 0L);
        map.put("result", new LinkedHashMap<>());
        map.put("remoteModel", null);
        noLineage(map);
        return map;
    }

    private static Map<String, Object> head(String cloud, RunRef ref) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", ref.namespace() + "/" + ref.name());
        map.put("cloud", cloud);
        return map;
    }
}
