package io.jenkins.plugins.mlpipeline.outputs;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file collected from a run's output directory.
 *
 * @param path   relative to the output directory, {@code /}-separated, without a leading {@code ./}
 * @param size   in bytes
 * @param sha256 of the content, 64 lowercase hex digits
 */
public record OutputFile(String path, long size, String sha256) implements Serializable {

    private static final long serialVersionUID = 1L;

    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public OutputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (path.isEmpty() || path.startsWith("/") || path.startsWith("./") || path.endsWith("/")) {
            throw new IllegalArgumentException("path must be relative, without a leading './' or a trailing '/', got '"
                    + path + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size of '" + path + "' must not be negative, got " + size);
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of '" + path + "' must be 64 lowercase hex digits, got '"
                    + sha256 + "'");
        }
    }
}
