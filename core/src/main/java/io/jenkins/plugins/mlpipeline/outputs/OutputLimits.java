package io.jenkins.plugins.mlpipeline.outputs;

/**
 * How much a run's output archive may hold. Both limits count what lands on the controller's disk: {@code maxBytes}
 * the sum of all file sizes (link copies included), {@code maxFiles} regular files plus materialised links.
 * Directories are not counted as files, but there may be at most {@code maxFiles} of them as well.
 *
 * <p>The administrator sets them as {@code outputsMaxBytes} and {@code outputsMaxFiles} in the ML Pipeline global
 * configuration; error messages use those names.
 */
public record OutputLimits(long maxBytes, int maxFiles) {

    /** 10 GiB and 100,000 files. */
    public static final OutputLimits DEFAULT = new OutputLimits(10L * 1024 * 1024 * 1024, 100_000);

    public OutputLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes (outputsMaxBytes in the ML Pipeline global configuration) "
                    + "must be greater than 0, got " + maxBytes);
        }
        if (maxFiles <= 0) {
            throw new IllegalArgumentException("maxFiles (outputsMaxFiles in the ML Pipeline global configuration) "
                    + "must be greater than 0, got " + maxFiles);
        }
    }
}
