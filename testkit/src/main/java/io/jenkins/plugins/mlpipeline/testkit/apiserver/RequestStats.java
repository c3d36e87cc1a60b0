package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the HTTP requests the API server received, by method and URI (path and query). */
public final class RequestStats {

    private final Map<String, LongAdder> byMethodAndUri = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    void record(String method, String uri) {
        total.increment();
        byMethodAndUri.computeIfAbsent(method.toUpperCase(Locale.ROOT) + " " + uri, k -> new LongAdder()).increment();
    }

    public long total() {
        return total.sum();
    }

    /** Requests with this method whose URI (path plus query) starts with {@code uriPrefix}. */
    public long count(String method, String uriPrefix) {
        String prefix = method.toUpperCase(Locale.ROOT) + " " + uriPrefix;
        long count = 0;
        for (Map.Entry<String, LongAdder> entry : byMethodAndUri.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                count += entry.getValue().sum();
            }
        }
        return count;
    }
}
