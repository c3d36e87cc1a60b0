package io.jenkins.plugins.mlpipeline.outputs;

import java.io.Serializable;
import java.util.Objects;

/**
 * A model the training container stored elsewhere (an object store) and reported in {@code result.json} instead of
 * writing it to the output directory.
 *
 * @param uri    with a scheme, e.g. {@code s3://bucket/models/7/model.safetensors}
 * @param sha256 64 lowercase hex digits, or {@code null} when the container did not report one
 */
public record RemoteModel(String uri, String sha256) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RemoteModel {
        Objects.requireNonNull(uri, "uri");
        if (sha256 != null && !OutputFile.SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of '" + uri + "' must be 64 lowercase hex digits, got '"
                    + sha256 + "'");
        }
    }
}
