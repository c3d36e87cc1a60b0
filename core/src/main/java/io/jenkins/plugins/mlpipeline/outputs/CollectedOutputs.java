package io.jenkins.plugins.mlpipeline.outputs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OutputExtractor#extract} stored.
 *
 * @param files      every regular file (link copies included), sorted by path; directories are not listed
 * @param totalBytes sum of the file sizes
 * @param result     the parsed {@code result.json} at the root of the outputs, or an empty map if there is none
 * @param remote     the model the container reported in {@code result.json} ({@code "uri"}), if any
 */
public record CollectedOutputs(List<OutputFile> files, long totalBytes, Map<String, Object> result,
                               Optional<RemoteModel> remote) {

    public CollectedOutputs {
        files = List.copyOf(files);
        // JSON null values are legal in result.json, which Map.copyOf would refuse.
        result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
        Objects.requireNonNull(remote, "remote");
    }
}
