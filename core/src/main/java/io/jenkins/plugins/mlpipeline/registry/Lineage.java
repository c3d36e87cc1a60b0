package io.jenkins.plugins.mlpipeline.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model version came from. Every field may be {@code null} (a version registered by hand knows little);
 * the three maps are never {@code null} (absent means empty) and are deeply unmodifiable.
 *
 * @param job         Jenkins job full name, e.g. {@code team/train}
 * @param buildNumber that job's build number
 * @param buildUrl    absolute URL of the build
 * @param buildId     the build as {@code job#number}: {@link ModelRegistry#buildsHeldByAliases()} keeps it
 * @param gitCommit   commit the build checked out
 * @param image       training image as given in the spec
 * @param imageDigest image digest reported by the pod status (what really ran)
 * @param runName     the Kubernetes Job name of the training run
 * @param params      training parameters (plain JSON values)
 * @param metrics     last value of each metric
 * @param inputs      declared inputs, e.g. data set URIs and their versions (plain JSON values)
 * @param cacheKey    the run's cache key, if it was cached or reused
 */
public record Lineage(String job, Integer buildNumber, String buildUrl, String buildId, String gitCommit,
                      String image, String imageDigest, String runName, Map<String, Object> params,
                      Map<String, Double> metrics, Map<String, Object> inputs, String cacheKey) {

    /** Lineage that knows nothing. */
    public static final Lineage EMPTY =
            new Lineage(null, null, null, null, null, null, null, null, null, null, null, null);

    public Lineage {
        params = PlainValues.copyOf("lineage.params", params);
        metrics = copyOfMetrics(metrics);
        inputs = PlainValues.copyOf("lineage.inputs", inputs);
    }

    private static Map<String, Double> copyOfMetrics(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            if (metric.getKey() == null || metric.getValue() == null) {
                throw new IllegalArgumentException("lineage.metrics: " + metric.getKey() + " = " + metric.getValue()
                        + "; every metric needs a name and a number");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Plain map for a Pipeline script; keys {@code job, buildNumber, buildUrl, buildId, gitCommit, image,
     * imageDigest, runName, params, metrics, inputs, cacheKey} (absent values are {@code null}).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("job", job);
        map.put("buildNumber", buildNumber);
        map.put("buildUrl", buildUrl);
        map.put("buildId", buildId);
        map.put("gitCommit", gitCommit);
        map.put("image", image);
        map.put("imageDigest", imageDigest);
        map.put("runName", runName);
        map.put("params", PlainValues.mutableCopy(params));
        map.put("metrics", new LinkedHashMap<>(metrics));
        map.put("inputs", PlainValues.mutableCopy(inputs));
        map.put("cacheKey", cacheKey);
        return map;
    }
}
