package io.jenkins.plugins.mlpipeline.registry;

import java.util.List;
import java.util.Map;

/**
 * A request to register the next version of a model; see {@link ModelRegistry#register(NewVersion)} for the rules.
 *
 * @param model     model name, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,99}}
 * @param files     the version's files (may be empty if {@code uri} is given)
 * @param uri       where a large model lives outside Jenkins, e.g. {@code s3://bucket/model/} ({@code null} if none)
 * @param uriSha256 checksum of the object at {@code uri} as reported by the training container ({@code null} if
 *                  unknown)
 * @param lineage   where it came from ({@code null} means {@link Lineage#EMPTY})
 * @param metadata  free-form values, see {@link PlainValues}
 * @param alias     alias to move to the new version in the same step ({@code [A-Za-z][A-Za-z0-9._-]{0,62}}), or
 *                  {@code null}
 * @param user      who registered it (Jenkins user id), or {@code null}
 */
public record NewVersion(String model, List<ModelFile> files, String uri, String uriSha256, Lineage lineage,
                         Map<String, Object> metadata, String alias, String user) {

    public NewVersion {
        lineage = lineage == null ? Lineage.EMPTY : lineage;
        metadata = PlainValues.copyOf("metadata", metadata);
    }
}
