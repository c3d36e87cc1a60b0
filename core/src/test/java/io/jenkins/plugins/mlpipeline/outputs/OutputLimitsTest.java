package io.jenkins.plugins.mlpipeline.outputs;

import static io.jenkins.plugins.mlpipeline.outputs.Extracting.assertRejected;
import static io.jenkins.plugins.mlpipeline.outputs.Extracting.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLimitsTest {

    /** {@code printf x | sha256sum}, computed once by hand. */
    private static final String X_SHA256 = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";

    @TempDir
    Path parent;

    @Test
    void defaultLimitsAcceptOneHundredThousandTinyFiles() throws Exception {
        CollectedOutputs outputs;
        try (ProducedArchive archive = new ProducedArchive(tar -> writeTinyFiles(tar, 100_000))) {
            outputs = extract(archive.stream(), parent, OutputLimits.DEFAULT);
            assertThat(archive.producerFailure()).isNull();
        }

        assertThat(outputs.files()).hasSize(100_000);
        assertThat(outputs.totalBytes()).isEqualTo(100_000);
        assertThat(outputs.files().get(0)).isEqualTo(new OutputFile("d000/f00000", 1, X_SHA256));
        assertThat(outputs.files().get(99_999)).isEqualTo(new OutputFile("d099/f99999", 1, X_SHA256));
        assertThat(parent.resolve("out/d099/f99999")).hasContent("x");
    }

    @Test
    void theFileAfterTheLimitIsRefused() throws Exception {
        // One file and 100,000 hard links to it: links count as files from their header on, so the 100,001st entry
        // is refused before any copy is made, which keeps this test from writing another 100,000 files.
        try (ProducedArchive archive = new ProducedArchive(tar -> {
            writeTinyFiles(tar, 1);
            for (int i = 1; i <= 100_000; i++) {
                TarArchiveEntry link = new TarArchiveEntry(String.format("./d%03d/f%05d", i / 1000, i),
                        TarConstants.LF_LINK, true);
                link.setLinkName("./d000/f00000");
                link.setModTime(FileTime.fromMillis(1_700_000_000_000L));
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
        })) {
            assertRejected(archive.stream(), parent, OutputLimits.DEFAULT,
                    "outputs exceed the limit of 100,000 files (outputsMaxFiles in the ML Pipeline global "
                            + "configuration): entry './d100/f100000' would be file number 100,001");
        }
    }

    @Test
    void theRegularFileAfterTheLimitIsRefused() throws Exception {
        try (ProducedArchive archive = new ProducedArchive(tar -> writeTinyFiles(tar, 1001))) {
            assertRejected(archive.stream(), parent, new OutputLimits(1024 * 1024, 1000),
                    "limit of 1,000 files", "entry './d001/f01000' would be file number 1,001");
        }
    }

    @Test
    void linksCountAsFiles() throws IOException {
        assertRejected(new TestArchive().file("./a", "x").symlink("./b", "a").hardLink("./c", "a").stream(), parent,
                new OutputLimits(1024, 2), "limit of 2 files", "entry './c' would be file number 3");
    }

    @Test
    void directoriesAreBoundedByTheFileLimitToo() throws IOException {
        assertRejected(new TestArchive().dir("./a/").file("./b/c/x", "x").dir("./d/").stream(), parent,
                new OutputLimits(1024, 2), "limit of 2 directories", "entry './b/c/x' brings the count to 3");
    }

    @Test
    void anEntryOverTheByteLimitIsRefusedBeforeItsDataIsRead() throws IOException {
        byte[] archive = new TestArchive().file("./small", new byte[100 * 1024])
                .file("./big", new byte[10 * 1024 * 1024]).bytes();
        OutputRejectionTest.CountingStream counting =
                new OutputRejectionTest.CountingStream(new ByteArrayInputStream(archive));

        assertRejected(counting, parent, new OutputLimits(1024 * 1024, 100),
                "outputs exceed the limit of 1 MiB (outputsMaxBytes in the ML Pipeline global configuration): "
                        + "entry './big' (10 MiB) would bring the total to 10.1 MiB (10,588,160 bytes)");
        // The small file, two headers and at most one read-ahead block: not the 10 MiB.
        assertThat(counting.count).isLessThan(100 * 1024 + 64 * 1024 + 1024);
    }

    @Test
    void exactlyTheByteLimitIsAccepted() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive().file("./a", "xx").file("./b", "xxx").stream(), parent,
                new OutputLimits(5, 2));

        assertThat(outputs.totalBytes()).isEqualTo(5);
    }

    @Test
    void linkCopiesCountAsBytes() throws IOException {
        assertRejected(new TestArchive().file("./a", "hello\n").symlink("./b", "a").stream(), parent,
                new OutputLimits(10, 10), "limit of 10 bytes (",
                "entry './b' (6 bytes) would bring the total to 12 bytes;");
    }

    @Test
    void aHugeDeclaredSizeDoesNotOverflowTheTotal() throws IOException {
        byte[] archive = new TestArchive().file("./a", "x").file("./huge", "y").bytes();
        // The size field of the second header, rewritten to the largest 11-digit octal size (8 GiB - 1).
        TestArchive.patchHeader(archive, 1024, header -> {
            byte[] size = "77777777777".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(size, 0, header, 124, size.length);
        });

        assertRejected(new ByteArrayInputStream(archive), parent, new OutputLimits(Long.MAX_VALUE - 1, 10),
                "output archive ended early in entry './huge'");
        assertRejected(new ByteArrayInputStream(archive), parent, new OutputLimits(1024, 10),
                "limit of 1 KiB (", "entry './huge' (8 GiB) would bring the total to 8 GiB;");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new OutputLimits(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes (outputsMaxBytes").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new OutputLimits(1, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFiles (outputsMaxFiles").hasMessageContaining("got -5");
        assertThat(OutputLimits.DEFAULT).isEqualTo(new OutputLimits(10L << 30, 100_000));
    }

    /** {@code count} one-byte files, a thousand per directory. */
    private static void writeTinyFiles(TarArchiveOutputStream tar, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            tar.putArchiveEntry(ProducedArchive.fileEntry(String.format("./d%03d/f%05d", i / 1000, i), 1));
            tar.write('x');
            tar.closeArchiveEntry();
        }
    }
}
