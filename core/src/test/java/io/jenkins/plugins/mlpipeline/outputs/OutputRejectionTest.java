package io.jenkins.plugins.mlpipeline.outputs;

import static io.jenkins.plugins.mlpipeline.outputs.Extracting.assertFails;
import static io.jenkins.plugins.mlpipeline.outputs.Extracting.assertNothingLeft;
import static io.jenkins.plugins.mlpipeline.outputs.Extracting.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal names the entry and leaves nothing behind: no destination, no temporary directory. */
class OutputRejectionTest {

    @TempDir
    java.nio.file.Path parent;

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "./a/../../evil", "./a/../b", "/etc/evil", "a/..", ".."})
    void tarSlipNamesAreRefused(String name) throws IOException {
        assertRejected(new TestArchive().file("./ok.txt", "fine").file(name, "evil"), parent,
                "entry '" + name + "'", "inside the output directory");
        assertThat(parent.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void tarSlipDirectoryIsRefused() throws IOException {
        assertRejected(new TestArchive().dir("../evil/"), parent, "entry '../evil/'", "'..'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\..\\..\\evil", "new\nline", "tab\tbed"})
    void backslashesAndControlCharactersAreRefused(String name) throws IOException {
        OutputRejectedException rejected = assertRejected(new TestArchive().file(name, "x"), parent,
                "backslashes or control characters");
        // Control characters are shown escaped: a raw newline would fake a build log line.
        assertThat(rejected.getMessage()).doesNotContain("\n").doesNotContain("\t");
    }

    @Test
    void aNulInAPaxPathIsRefused() throws IOException {
        // The ustar name field ends at the first NUL, but a PAX path may carry one.
        OutputRejectedException rejected = assertRejected(new TestArchive().paxHeader("path", "model.bin\u0000.sh")
                .file("./placeholder", "x"), parent, "entry 'model.bin\\u0000.sh' contains a control character");
        assertThat(rejected.getMessage()).doesNotContain("\u0000");
    }

    @Test
    void overlongNamesAndSegmentsAreRefused() throws IOException {
        assertRejected(new TestArchive().file("./" + "a/".repeat(2100) + "f", "x"), parent,
                "longer than 4096 characters");
        assertRejected(new TestArchive().file("./" + "s".repeat(256), "x"), parent, "longer than 255 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../../x", "../outputs/x", "a/../../x", "/ml/outputs/model.bin"})
    void symbolicLinksLeavingTheOutputsAreRefused(String target) throws IOException {
        assertRejected(new TestArchive().file("./model.bin", "m").symlink("./evil-link", target), parent,
                "entry './evil-link' is a symbolic link to '" + target + "', which is outside the output directory");
    }

    @Test
    void symbolicLinkEscapingFromASubdirectoryIsRefused() throws IOException {
        // Two levels down, three levels up.
        assertRejected(new TestArchive().symlink("./a/b/link", "../../../secret"), parent,
                "entry './a/b/link'", "outside the output directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/shadow", "../shadow", "./a/../../shadow"})
    void hardLinksLeavingTheOutputsAreRefused(String target) throws IOException {
        assertRejected(new TestArchive().hardLink("./h", target), parent,
                "entry './h' is a hard link to '" + target + "', which is outside the output directory");
    }

    @Test
    void linkEscapeIsRefusedBeforeTheRestOfTheArchiveIsRead() throws IOException {
        byte[] archive = new TestArchive().symlink("./evil", "/etc/passwd").file("./big", new byte[512 * 1024])
                .bytes();
        CountingStream counting = new CountingStream(new ByteArrayInputStream(archive));

        assertRejected(counting, parent, OutputLimits.DEFAULT, "'./evil'");

        assertThat(counting.count).isLessThan(64 * 1024);
    }

    @Test
    void devicesFifosAndOtherTypesAreRefused() throws IOException {
        assertRejected(new TestArchive().special("./tty", TarConstants.LF_CHR), parent,
                "entry './tty' is a character device", "only regular files, directories");
        assertRejected(new TestArchive().special("./sda", TarConstants.LF_BLK), parent,
                "entry './sda' is a block device");
        assertRejected(new TestArchive().special("./pipe", TarConstants.LF_FIFO), parent,
                "entry './pipe' is a FIFO");
        assertRejected(new TestArchive().special("./label", (byte) 'V'), parent,
                "entry './label' is of type 'V'");
    }

    @Test
    void linksThatLeadNowhereAcceptableAreRefused() throws IOException {
        assertRejected(new TestArchive().symlink("./l", "missing.bin"), parent,
                "entry './l' is a symbolic link to 'missing.bin', but 'missing.bin' is not in the archive");
        assertRejected(new TestArchive().dir("./d/").file("./d/f", "x").symlink("./l", "d"), parent,
                "'d' is a directory, and links to directories are not supported");
        assertRejected(new TestArchive().symlink("./l", "."), parent,
                "the output directory itself is a directory");
        assertRejected(new TestArchive().symlink("./a", "b").symlink("./b", "a"), parent,
                "entry './a'", "the links form a loop");
        assertRejected(new TestArchive().hardLink("./self", "./self"), parent, "entry './self'", "loop");
        // Through a link standing for a directory, even if the path would lead to a file.
        assertRejected(new TestArchive().symlink("./l", "d/f").dir("./real/").file("./real/f", "x")
                .symlink("./d", "real"), parent, "entry './l'", "'d' is a link, not a directory");
        assertRejected(new TestArchive().file("./f", "x").symlink("./l", "f/../f"), parent,
                "'f' is a regular file, not a directory");
    }

    @Test
    void longLinkChainsAreRefused() throws IOException {
        TestArchive archive = new TestArchive().file("./f", "x");
        for (int i = 0; i <= ArchiveTree.MAX_LINK_HOPS; i++) {
            archive.symlink("./l" + i, i == 0 ? "f" : "l" + (i - 1));
        }
        assertRejected(archive, parent, "entry './l40'", "more than 40 links");
    }

    @Test
    void aPathMayAppearOnlyOnce() throws IOException {
        assertRejected(new TestArchive().file("./x", "1").file("x", "2"), parent,
                "entry 'x' appears twice, both times as a regular file");
        assertRejected(new TestArchive().file("./x", "1").dir("./x/"), parent, "entry './x/' appears twice");
        assertRejected(new TestArchive().file("./x", "1").symlink("./x", "y"), parent, "appears twice");
        assertRejected(new TestArchive().file("./x", "1").file("./x/y", "2"), parent,
                "entry './x/y' is inside 'x', which the archive holds as a regular file");
        assertRejected(new TestArchive().symlink("./d", "x").file("./d/y", "2"), parent, "holds as a link");
    }

    @Test
    void aDirectoryWithDataIsRefused() throws IOException {
        byte[] archive = new TestArchive().file("./d_", "data").bytes();
        // A file entry whose name ends in '/' is a directory to tar; one with data cannot be read safely.
        TestArchive.patchHeader(archive, 0, header -> header[3] = '/');

        assertRejected(new ByteArrayInputStream(archive), parent, OutputLimits.DEFAULT,
                "entry './d/' is a directory that carries 4 bytes of data");
    }

    @Test
    void truncatedInTheMiddleOfAFileIsRefused() throws IOException {
        byte[] archive = new TestArchive().file("./ok", "fine").file("./model.bin", new byte[100_000]).bytes();

        assertRejected(new ByteArrayInputStream(archive, 0, 60_000), parent, OutputLimits.DEFAULT,
                "output archive ended early in entry './model.bin'");
    }

    @Test
    void truncatedAtAnEntryBoundaryIsRefused() throws IOException {
        byte[] archive = new TestArchive().file("./a", "x").file("./b", "y").bytes();

        // header a, data a, header b, data b: cut right after a's data block
        assertRejected(new ByteArrayInputStream(archive, 0, 1024), parent, OutputLimits.DEFAULT,
                "output archive ended early after entry './a': the end-of-archive marker is missing");
        // and in the middle of b's header
        assertRejected(new ByteArrayInputStream(archive, 0, 1300), parent, OutputLimits.DEFAULT,
                "ended early after entry './a'");
    }

    @Test
    void anEmptyStreamIsRefused() throws IOException {
        assertRejected(InputStream.nullInputStream(), parent, OutputLimits.DEFAULT,
                "output archive is empty (0 bytes");
    }

    @Test
    void garbageIsRefused() throws IOException {
        byte[] garbage = "this is not a tar archive at all\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

        assertRejected(new ByteArrayInputStream(garbage), parent, OutputLimits.DEFAULT,
                "output archive is corrupt at its start");
    }

    @Test
    void aCorruptedHeaderIsRefused() throws IOException {
        byte[] archive = new TestArchive().file("./a", "x").file("./b", "y").bytes();
        archive[1024 + 100] ^= 0x01; // a bit of b's mode field: the checksum no longer matches

        assertRejected(new ByteArrayInputStream(archive), parent, OutputLimits.DEFAULT,
                "output archive is corrupt after entry './a': the next entry header has a wrong checksum");
    }

    @Test
    void aGiantHeaderIsRefusedWithoutReadingItIntoMemory() throws IOException {
        // A PAX header may be of any size; commons-compress would collect it in memory.
        byte[] archive = new TestArchive().file("./ok", "x")
                .paxHeader("comment", "c".repeat(2 * 1024 * 1024)).file("./next", "x").bytes();
        assertThat(archive.length).isGreaterThan(2 * 1024 * 1024);

        assertRejected(new ByteArrayInputStream(archive), parent, OutputLimits.DEFAULT,
                "entry header (long name, PAX or sparse headers) larger than 1 MiB after entry './ok'");
    }

    @Test
    void moreThanAMebibyteAfterTheEndMarkerIsRefused() throws IOException {
        byte[] archive = new TestArchive().file("./a", "x").bytes();
        // tar pads its last block to 10 KiB, which the reader skips: go well past the limit.
        byte[] trailing = new byte[(int) Extraction.MAX_TRAILING_BYTES + 20 * 1024];
        Arrays.fill(trailing, (byte) 'x');

        assertRejected(new SequenceInputStream(new ByteArrayInputStream(archive), new ByteArrayInputStream(trailing)),
                parent, OutputLimits.DEFAULT, "goes on for more than 1 MiB after its end-of-archive marker");
    }

    @Test
    void aLittleAfterTheEndMarkerIsAccepted() throws IOException {
        byte[] archive = new TestArchive().file("./a", "x").bytes();

        Extracting.extract(new SequenceInputStream(new ByteArrayInputStream(archive),
                new ByteArrayInputStream(new byte[4096])), parent, OutputLimits.DEFAULT);

        assertThat(parent.resolve("out/a")).hasContent("x");
    }

    @Test
    void aBrokenConnectionIsAnIOExceptionNamingTheEntry() throws IOException {
        byte[] archive = new TestArchive().file("./model.bin", new byte[200_000]).bytes();
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(archive)) {
            private int left = 100_000;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, Math.min(len, left));
                left -= n;
                return n;
            }
        };

        assertFails(breaking, parent, IOException.class,
                "reading the output archive failed in entry './model.bin'", "connection reset", "nothing was kept");
    }

    @Test
    void refusedResultJsonRefusesTheOutputs() throws IOException {
        assertRejected(new TestArchive().file("./model.bin", "m").file("./result.json", "[1, 2]"), parent,
                "result.json must hold one JSON object", "found an array");
        assertRejected(new TestArchive().file("./result.json", "{\"uri\": \"not a uri\"}"), parent,
                "result.json field 'uri'");
        assertNothingLeft(parent);
    }

    /** Counts the bytes the extractor pulled from the pod's stream. */
    static final class CountingStream extends FilterInputStream {

        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count += c < 0 ? 0 : 1;
            return c;
        }
    }
}
