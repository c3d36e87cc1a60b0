package io.jenkins.plugins.mlpipeline.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Assertions shared by the extractor tests. */
final class Extracting {

    private Extracting() {
    }

    /** Extracts into {@code parent/out}. */
    static CollectedOutputs extract(InputStream archive, Path parent, OutputLimits limits) throws IOException {
        return OutputExtractor.extract(archive, parent.resolve("out"), limits);
    }

    static CollectedOutputs extract(TestArchive archive, Path parent) throws IOException {
        return extract(archive.stream(), parent, OutputLimits.DEFAULT);
    }

    /**
     * Extraction into {@code parent/out} is refused with a message holding every fragment, and nothing is left in
     * {@code parent}: no destination, no temporary directory.
     */
    static OutputRejectedException assertRejected(InputStream archive, Path parent, OutputLimits limits,
            String... fragments) throws IOException {
        OutputRejectedException rejected =
                catchThrowableOfType(OutputRejectedException.class, () -> extract(archive, parent, limits));
        assertThat(rejected).as("extraction must be refused").isNotNull();
        assertThat(rejected.getMessage()).contains(fragments).endsWith("; nothing was kept");
        assertNothingLeft(parent);
        return rejected;
    }

    static OutputRejectedException assertRejected(TestArchive archive, Path parent, String... fragments)
            throws IOException {
        return assertRejected(archive.stream(), parent, OutputLimits.DEFAULT, fragments);
    }

    static void assertNothingLeft(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            assertThat(children).as("left in " + parent).isEmpty();
        }
    }

    static void assertFails(InputStream archive, Path parent, Class<? extends Throwable> type, String... fragments)
            throws IOException {
        assertThatThrownBy(() -> extract(archive, parent, OutputLimits.DEFAULT))
                .isInstanceOf(type).message().contains(fragments);
        assertNothingLeft(parent);
    }
}
