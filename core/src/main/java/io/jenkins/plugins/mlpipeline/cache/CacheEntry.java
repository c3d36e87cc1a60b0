package io.jenkins.plugins.mlpipeline.cache;

import io.jenkins.plugins.mlpipeline.registry.PlainValues;
import java.util.Map;

/**
 * A successful run that later identical runs may reuse.
 *
 * @param key     its {@link CacheKey}
 * @param buildId the Jenkins build ({@code job#number}) holding its outputs; when that build is deleted the entry
 *                is dropped
 * @param result  what the run returned (metrics, outputs, digests) as plain values, deeply unmodifiable
 * @param created when it was stored, an ISO-8601 instant
 */
public record CacheEntry(String key, String buildId, Map<String, Object> result, String created) {

    public CacheEntry {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: required");
        }
        if (buildId == null || buildId.isBlank()) {
            throw new IllegalArgumentException("buildId: required, the build holding the outputs as job#number");
        }
        result = PlainValues.copyOf("result", result);
    }
}
