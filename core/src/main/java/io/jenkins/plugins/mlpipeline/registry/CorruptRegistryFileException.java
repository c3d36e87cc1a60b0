package io.jenkins.plugins.mlpipeline.registry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A registry file exists but cannot be used (truncated, not JSON, or contents that break the registry's rules).
 * The registry never rewrites such a file; the message names it and says how to repair it.
 */
public class CorruptRegistryFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CorruptRegistryFileException(Path file, String problem, String remedy) {
        super("Model registry file " + file + " is unreadable: " + problem + ". " + remedy);
        this.file = file;
    }

    /** The damaged file. */
    public Path getFile() {
        return file;
    }
}
