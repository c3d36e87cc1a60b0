package io.jenkins.plugins.mlpipeline.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.cache.CacheEntry;
import io.jenkins.plugins.mlpipeline.cache.RunCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mlTrain's run cache in Jenkins: one {@link RunCache} per controller (index under
 * {@code $JENKINS_HOME/ml-cache/}), and the reuse of a hit: the earlier run's output files are copied from the
 * build that produced them into this build's artifacts, under the same paths, each checked against its sha256.
 */
final class CachedRuns {

    /** Enough for every distinct configuration a team retrains; the least recently used go first. */
    static final int MAX_ENTRIES = 1000;
    private static final Map<Path, RunCache> CACHES = new ConcurrentHashMap<>();

    private CachedRuns() {
    }

    static RunCache cache(StepServices services) {
        return CACHES.computeIfAbsent(services.dataRoot().resolve("ml-cache").resolve("index.json"),
                index -> new RunCache(index, MAX_ENTRIES));
    }

    /**
     * A build the cache may point at still exists (its artifacts go with it), whether or not this build may read
     * it: an entry is only evicted when its build is really gone, not because another job cannot see it.
     */
    static boolean buildExists(StepServices services, String buildId) {
        return services.artifacts().buildExists(buildId);
    }

    /** Whether this build (its authentication) may read the build a hit points at. */
    static boolean readable(StepServices services, String buildId) {
        return services.artifacts().findBuild(buildId) != null;
    }

    /**
     * The map to return for a hit: the earlier run's, with {@code cached: true}, {@code cachedFrom} (the build it
     * came from) and {@code build} this build, whose artifacts now hold the same files.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> reuse(StepServices services, Run<?, ?> run, TaskListener listener, CacheEntry entry)
            throws IOException, InterruptedException {
        Run<?, ?> source = services.artifacts().findBuild(entry.buildId());
        if (source == null) {
            throw new AbortException("mlTrain: the cached run's build " + entry.buildId() + " is gone");
        }
        Map<String, Object> map = (Map<String, Object>) PlainValues.plain(entry.result());
        List<Object> outputs = map.get("outputs") instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        Map<String, List<String>> filesByPrefix = new LinkedHashMap<>();
        String name = String.valueOf(map.get("name"));
        Path staging = OutputArchiving.stagingDir(run, name).toPath();
        try {
            for (Object o : outputs) {
                Map<String, Object> file = (Map<String, Object>) o;
                String artifact = String.valueOf(file.get("artifact"));
                String path = String.valueOf(file.get("path"));
                String prefix = OutputArchiving.prefix(name);
                if (!artifact.equals(prefix + path) || !isSafeRelative(path)) {
                    throw new AbortException("mlTrain: the cache entry for " + entry.key() + " names an unexpected"
                            + " artifact '" + artifact + "'; refusing to copy it");
                }
                copyChecked(services, source, artifact, staging.resolve(path), String.valueOf(file.get("sha256")));
                filesByPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(path);
            }
            for (Map.Entry<String, List<String>> e : filesByPrefix.entrySet()) {
                services.artifacts().archive(run, listener, staging, e.getKey(), e.getValue());
            }
        } finally {
            OutputArchiving.deleteStaging(staging);
        }
        map.put("cached", true);
        map.put("cachedFrom", entry.buildId());
        map.put("build", run.getExternalizableId());
        listener.getLogger().println("[ml] cache hit (key " + entry.key().substring(0, 12) + "): reusing the run of "
                + entry.buildId() + " and its " + outputs.size() + " output file" + (outputs.size() == 1 ? "" : "s")
                + "; no Kubernetes Job launched");
        return map;
    }

    private static void copyChecked(StepServices services, Run<?, ?> source, String artifact, Path target,
                                    String sha256) throws IOException {
        Files.createDirectories(target.getParent());
        MessageDigest digest = sha256();
        try (InputStream in = services.artifacts().open(source, artifact);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new AbortException("mlTrain: cached artifact " + artifact + " of " + source.getExternalizableId()
                    + " has sha256 " + actual + " but the cache recorded " + sha256 + "; it was changed after the run");
        }
    }

    private static boolean isSafeRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
