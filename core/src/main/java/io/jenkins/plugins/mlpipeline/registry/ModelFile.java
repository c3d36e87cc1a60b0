package io.jenkins.plugins.mlpipeline.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One file of a model version. The bytes stay in the Jenkins build that archived them; the registry records where
 * they are and their checksum.
 *
 * @param path         the file's path inside the model version, relative, {@code /}-separated (e.g. {@code model.pt})
 * @param size         size in bytes
 * @param sha256       SHA-256 of the bytes, 64 lowercase hex digits
 * @param buildId      the Jenkins build holding the bytes, as {@code job#number} (a cache hit may point to an older
 *                     build than the one that registered the version)
 * @param artifactPath the file's path inside that build's archived artifacts
 */
public record ModelFile(String path, long size, String sha256, String buildId, String artifactPath) {

    /** Plain map for a Pipeline script; keys {@code path, size, sha256, buildId, artifactPath}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", path);
        map.put("size", size);
        map.put("sha256", sha256);
        map.put("buildId", buildId);
        map.put("artifactPath", artifactPath);
        return map;
    }
}
