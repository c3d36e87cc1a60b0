package io.jenkins.plugins.mlpipeline.outputs;

import static io.jenkins.plugins.mlpipeline.outputs.Extracting.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputExtractorTest {

    /** {@code printf 'hello\n' | sha256sum}, computed once by hand. */
    private static final String HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    /** {@code printf '' | sha256sum}. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /**
     * {@code sha256sum} of the 1 MiB "sparse.bin" in the GNU tar fixtures: zeros, with 'X' at offset 524288 and "END"
     * as its last three bytes.
     */
    private static final String SPARSE_SHA256 = "c88c821dadbbf28236085f51e95bc42de6481ad2616bbdc10173cf1387b9f142";

    /**
     * Written by GNU tar 1.34 ({@code tar --sparse --format=gnu --owner=0 --group=0 --mtime=2024-01-01 -cf - -C out .}
     * | {@code gzip -9 -n | base64}) from a directory holding a/b.txt ("hello\n"), hard (a hard link to a/b.txt),
     * link (a symbolic link to a/b.txt) and sparse.bin (a sparse file, see {@link #SPARSE_SHA256}). tar lists them
     * as: ./, ./sparse.bin (old GNU sparse entry), ./link -> a/b.txt, ./hard (the file), ./a/, ./a/b.txt (hard link
     * to ./hard): so the symbolic link comes first and leads through a hard link to the file.
     */
    private static final String GNU_TAR_GZ_BASE64 =
            "H4sIAAAAAAACA+3aMW7DIBiGYeaeghNgfoLNBdq1S5esRI2UqFZc2Y7U49di8ODESTtgyfL7LCBAQuITsPymUNnZQSjL1A6m"
            + "beqLL7331ro0HoJ1SpdqAdeuj63Wqm2a/tG6Z/MrZYruO7bd0RzOl5z5V97P5O9u83ciXpT+2ET+4xmMJyJjfzdchHvj/s4N"
            + "eriBn1u0VwAAAAAAAAAAAAAAYNXe3l9NUZ8vX3m3SfU/Ify9/kckVKK0i8XB9D95y242X/9ziu1n/vzn63/S7CR/W+6C0naJ"
            + "A9h4/qdjXTcvPIVbZYqYvQL03/WfYsVR/7lY/rk/2efv/zR/Z6vh/ZclPqeN5w8AAAAAAAAAAAAAAIB1+wUJ1khCAFAAAA==";
    /** The same directory with {@code --format=posix}: PAX headers and a PAX (GNU 1.0) sparse entry. */
    private static final String POSIX_TAR_GZ_BASE64 =
            "H4sIAAAAAAACA+2bwW6bQBCGOfMUPMEyOzuw7CG3Ju0pqlRV6nXTIIWU2BVQyerTd21FFcZpIkdlE5v/8wG8Ywnby/+PBs2o"
            + "/LPffKr9bd31uUpmgQKlyO4YmB6JrCRaChEh4u26JiM2yTZJBH71g+/CV0mWiaHMD81DfaGtK4w1VirldDirpNBpiH4/iJJ9"
            + "jCbg5FH5/NfYSbwo/q3/cL6vf83ESVbE1H+3Xg/Pfe6l+PTHncz+j/y//+m7vlY3zSqq/7NM/Z853C7w/wgwZx+vv6rHnX/w"
            + "9+vuQqeT1WYVVik1e6srH/KCGt0zqdHjeFf7tm9+h9xBUhW2TJ9ONdaxc86mbJ9INZqKqkSemVX/Ycu+7HbsqmlrZYnM//aB"
            + "5/XP+tD/y/BKMoqp/4X6v0kLFq6qVMiVaZCqSEV/3+x0SxDg+fINfwEAAAAAAAAAAAAAAAAAAAAAAABw2lxef9jr/2ub1Y8Z"
            + "LnN8/7fW6P+Ow/H935V226hUaAs6A9Rcop/o31p7RP+34W3/H/v8Rg2bIYr+0f/d53e+u30n/m8I/v9O/Z/F6JKdgf+fhf/P"
            + "JPpj9E/ldP6DjEX/dwzu6rZdQ8kL1v8o//s30v/h/K8YRv5/s/zP7MqSraD+W4D+/ewTwK+Y/xXG/G+0/R9lgFnq7VfUf2I1"
            + "/B/1H4ih/7kfsr1c/x08/zNlqP90jOJ04f4PAAAAgOXxB+vWP7IAUAAA";

    @TempDir
    Path parent;

    @Test
    void storesNestedFilesWithSizesAndKnownSha256SortedByPath() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive()
                .dir("./")
                .file("./z.txt", "hello\n")
                .dir("./models/")
                .dir("./models/v1/")
                .file("./models/v1/weights.bin", "hello\n")
                .file("./a.txt", "")
                .file("deep/er/still/no-dot-prefix.txt", "hello\n"), parent);

        assertThat(outputs.files()).containsExactly(
                new OutputFile("a.txt", 0, EMPTY_SHA256),
                new OutputFile("deep/er/still/no-dot-prefix.txt", 6, HELLO_SHA256),
                new OutputFile("models/v1/weights.bin", 6, HELLO_SHA256),
                new OutputFile("z.txt", 6, HELLO_SHA256));
        assertThat(outputs.totalBytes()).isEqualTo(18);
        assertThat(outputs.result()).isEmpty();
        assertThat(outputs.remote()).isEmpty();
        Path out = parent.resolve("out");
        assertThat(out.resolve("models/v1/weights.bin")).hasContent("hello");
        assertThat(out.resolve("deep/er/still")).isDirectory();
        try (var children = Files.list(parent)) {
            assertThat(children).containsExactly(out);
        }
    }

    @Test
    void emptyDirectoriesAreCreatedButNotListed() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive().dir("./").dir("./logs/").dir("./logs/empty/"), parent);

        assertThat(outputs.files()).isEmpty();
        assertThat(parent.resolve("out/logs/empty")).isEmptyDirectory();
    }

    @Test
    void emptyArchiveGivesNoFiles() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive(), parent);

        assertThat(outputs.files()).isEmpty();
        assertThat(outputs.totalBytes()).isZero();
        assertThat(parent.resolve("out")).isEmptyDirectory();
    }

    @Test
    void longNamesAreKept() throws IOException {
        String longName = "./" + "d".repeat(200) + "/" + "f".repeat(200) + ".bin";

        CollectedOutputs outputs = extract(new TestArchive().file(longName, "hello\n"), parent);

        assertThat(outputs.files()).containsExactly(new OutputFile(longName.substring(2), 6, HELLO_SHA256));
    }

    @Test
    void linksBecomeCopiesOfTheirTargetWhateverTheOrder() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive()
                .symlink("./before/sym", "../model.bin")    // before its target
                .hardLink("./hard-before", "./model.bin")
                .file("./model.bin", "hello\n")
                .symlink("./after", "model.bin")
                .hardLink("./hard-after", "model.bin")
                .symlink("./chain", "before/sym"), parent);

        assertThat(outputs.files()).extracting(OutputFile::path)
                .containsExactly("after", "before/sym", "chain", "hard-after", "hard-before", "model.bin");
        assertThat(outputs.files()).allSatisfy(file -> {
            assertThat(file.sha256()).isEqualTo(HELLO_SHA256);
            assertThat(file.size()).isEqualTo(6);
            Path onDisk = parent.resolve("out").resolve(file.path());
            assertThat(Files.isSymbolicLink(onDisk)).as(file.path()).isFalse();
            assertThat(onDisk).isRegularFile().hasContent("hello");
        });
        assertThat(outputs.totalBytes()).isEqualTo(36);
    }

    @Test
    void linkTargetsMayUseDotDotInsideTheOutputs() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive()
                .file("./blobs/abc", "hello\n")
                .dir("./snapshots/")
                .dir("./snapshots/main/")
                .symlink("./snapshots/main/model.bin", "../../blobs/abc"), parent);

        assertThat(outputs.files()).contains(new OutputFile("snapshots/main/model.bin", 6, HELLO_SHA256));
    }

    @Test
    void readsWhatGnuTarWritesInGnuFormat() throws IOException {
        assertGnuTarFixture(GNU_TAR_GZ_BASE64);
    }

    @Test
    void readsWhatGnuTarWritesInPosixFormat() throws IOException {
        assertGnuTarFixture(POSIX_TAR_GZ_BASE64);
    }

    private void assertGnuTarFixture(String gzippedBase64) throws IOException {
        CollectedOutputs outputs = extract(gunzip(gzippedBase64), parent, OutputLimits.DEFAULT);

        assertThat(outputs.files()).containsExactly(
                new OutputFile("a/b.txt", 6, HELLO_SHA256),
                new OutputFile("hard", 6, HELLO_SHA256),
                new OutputFile("link", 6, HELLO_SHA256),
                new OutputFile("sparse.bin", 1024 * 1024, SPARSE_SHA256));
        byte[] sparse = Files.readAllBytes(parent.resolve("out/sparse.bin"));
        assertThat(sparse).hasSize(1024 * 1024);
        assertThat(sparse[512 * 1024]).isEqualTo((byte) 'X');
        assertThat(new String(sparse, sparse.length - 3, 3, StandardCharsets.US_ASCII)).isEqualTo("END");
    }

    @Test
    void zeroBlocksAndATrailingHoleKeepSizeAndContent() throws IOException {
        int block = HashingFileWriter.BLOCK_SIZE;
        byte[] content = new byte[3 * block]; // data, a whole zero block, and a zero block at the end
        content[0] = 1;
        content[block - 1] = 2;

        CollectedOutputs outputs = extract(new TestArchive().file("./ckpt", content).file("./zeros", new byte[block]),
                parent);

        assertThat(Files.readAllBytes(parent.resolve("out/ckpt"))).isEqualTo(content);
        assertThat(Files.readAllBytes(parent.resolve("out/zeros"))).isEqualTo(new byte[block]);
        assertThat(outputs.files()).extracting(OutputFile::size).containsExactly((long) content.length, (long) block);
        // sha256 of 64 KiB of zeros, from `head -c 65536 /dev/zero | sha256sum`
        assertThat(outputs.files().get(1).sha256())
                .isEqualTo("de2f256064a0af797747c2b97505dc0b9f3df0de4f489eac731c23ae9ca9cc31");
    }

    @Test
    void resultJsonAtTheRootIsParsedAndStaysAFile() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive()
                .file("./result.json", "{\"accuracy\": 0.93, \"uri\": \"s3://bucket/m.bin\", \"sha256\": \""
                        + HELLO_SHA256.toUpperCase() + "\", \"note\": null}")
                .file("./sub/result.json", "not json, and not looked at"), parent);

        assertThat(outputs.result()).containsEntry("accuracy", 0.93).containsEntry("note", null);
        assertThat(outputs.remote()).contains(new RemoteModel("s3://bucket/m.bin", HELLO_SHA256));
        assertThat(outputs.files()).extracting(OutputFile::path).containsExactly("result.json", "sub/result.json");
    }

    @Test
    void resultJsonWithoutUriHasNoRemoteModel() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive().file("./result.json", "{\"loss\": 1}"), parent);

        assertThat(outputs.result()).isEqualTo(Map.of("loss", 1));
        assertThat(outputs.remote()).isEqualTo(Optional.empty());
    }

    @Test
    void resultJsonMayBeALink() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive()
                .symlink("./result.json", "metrics/final.json")
                .file("./metrics/final.json", "{\"f1\": 0.5}"), parent);

        assertThat(outputs.result()).isEqualTo(Map.of("f1", 0.5));
    }

    @Test
    void createsMissingParentsOfTheDestination() throws IOException {
        Path destination = parent.resolve("builds/42/outputs");

        OutputExtractor.extract(new TestArchive().file("./x", "hello\n").stream(), destination, OutputLimits.DEFAULT);

        assertThat(destination.resolve("x")).hasContent("hello");
    }

    @Test
    void destinationMustNotExist() throws IOException {
        Path destination = Files.createDirectory(parent.resolve("out"));

        assertThatThrownBy(() -> OutputExtractor.extract(new TestArchive().stream(), destination, OutputLimits.DEFAULT))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("must not exist");
        try (var children = Files.list(parent)) {
            assertThat(children).containsExactly(destination);
        }
    }

    @Test
    void doesNotCloseTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream stream = new ByteArrayInputStream(new TestArchive().bytes()) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        OutputExtractor.extract(stream, parent.resolve("out"), OutputLimits.DEFAULT);

        assertThat(closed[0]).isFalse();
    }

    @Test
    void resultListsAreImmutable() throws IOException {
        CollectedOutputs outputs = extract(new TestArchive().file("./x", "hello\n"), parent);

        assertThatThrownBy(() -> outputs.files().add(new OutputFile("y", 0, EMPTY_SHA256)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(outputs.files()).isEqualTo(List.of(new OutputFile("x", 6, HELLO_SHA256)));
    }

    static InputStream gunzip(String base64) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }
}
