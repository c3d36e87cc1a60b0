package io.jenkins.plugins.mlpipeline.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable, numbered version of a model, as stored in {@code <root>/<model>/versions/<version>.json}.
 *
 * @param created when it was registered, an ISO-8601 instant such as {@code 2025-01-31T12:00:00.123Z}
 */
public record ModelVersion(String model, int version, String created, List<ModelFile> files, String uri,
                           String uriSha256, Lineage lineage, Map<String, Object> metadata, String user) {

    public ModelVersion {
        files = files == null ? List.of() : List.copyOf(files);
        lineage = lineage == null ? Lineage.EMPTY : lineage;
        metadata = PlainValues.copyOf("metadata", metadata);
    }

    /**
     * Plain, mutable Maps/Lists/Strings/Numbers for a Pipeline script (CPS-serializable), with the keys:
     * <ul>
     *   <li>{@code model} (String), {@code version} (Integer), {@code created} (ISO-8601 instant String);</li>
     *   <li>{@code files}: list of maps, see {@link ModelFile#toMap()};</li>
     *   <li>{@code uri}, {@code uriSha256} (String or null);</li>
     *   <li>{@code lineage}: map, see {@link Lineage#toMap()};</li>
     *   <li>{@code metadata}: map as registered; {@code user} (String or null).</li>
     * </ul>
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", model);
        map.put("version", version);
        map.put("created", created);
        List<Object> fileMaps = new ArrayList<>();
        for (ModelFile file : files) {
            fileMaps.add(file.toMap());
        }
        map.put("files", fileMaps);
        map.put("uri", uri);
        map.put("uriSha256", uriSha256);
        map.put("lineage", lineage.toMap());
        map.put("metadata", PlainValues.mutableCopy(metadata));
        map.put("user", user);
        return map;
    }
}
