package io.jenkins.plugins.mlpipeline.engine;

import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a followed run's outputs go on this machine, and how much may come.
 *
 * @param destination directory the files are extracted to (created by the engine; replaced if a previous
 *                    collection of the same run was interrupted)
 * @param limits      total bytes and file count accepted from the pod
 */
public record OutputRequest(Path destination, OutputLimits limits) {

    public OutputRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(limits, "limits");
    }

    /** Written once the files are complete; a restarted controller reads it instead of collecting again. */
    public Path manifest() {
        return manifestOf(destination);
    }

    public static Path manifestOf(Path destination) {
        return destination.resolveSibling(destination.getFileName() + ".manifest.json");
    }
}
