package io.jenkins.plugins.mlpipeline.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Copies a stream into a new file in {@value #BLOCK_SIZE}-byte blocks, computing its SHA-256 in the same pass. A
 * whole block of zeros is not written but skipped over, leaving a hole the file system reads back as zeros: a
 * checkpoint that is mostly zeros (or a sparse file from the archive, which the tar reader expands) then costs
 * little disk. Memory use is one block, whatever the size. Not thread-safe: one per extraction.
 */
final class HashingFileWriter {

    static final int BLOCK_SIZE = 64 * 1024;
    private static final byte[] ZEROS = new byte[BLOCK_SIZE];

    /**
     * A read from the source failed (as opposed to a write to the disk); the cause is the original exception, which
     * may be a runtime exception of a parser choking on hostile input.
     */
    static final class SourceFailedException extends IOException {

        private static final long serialVersionUID = 1L;

        SourceFailedException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    record Written(long size, String sha256) {
    }

    private final byte[] block = new byte[BLOCK_SIZE];
    private final MessageDigest digest;

    HashingFileWriter() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads {@code source} to its end into {@code file}, which must not exist yet.
     *
     * @throws SourceFailedException if reading {@code source} failed
     * @throws IOException           if writing the file failed
     */
    Written write(InputStream source, Path file) throws IOException {
        digest.reset();
        long size = 0;
        // SPARSE is a hint only Windows needs; Linux and macOS file systems make holes anyway.
        try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            boolean endsInHole = false;
            int length;
            while ((length = fill(source)) > 0) {
                digest.update(block, 0, length);
                endsInHole = length == BLOCK_SIZE && Arrays.mismatch(block, ZEROS) < 0;
                if (endsInHole) {
                    channel.position(size + length);
                } else {
                    ByteBuffer data = ByteBuffer.wrap(block, 0, length);
                    while (data.hasRemaining()) {
                        channel.write(data);
                    }
                }
                size += length;
            }
            if (endsInHole) {
                // The file ends in a hole: writing its last zero byte gives the file its full length.
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }
        return new Written(size, HexFormat.of().formatHex(digest.digest()));
    }

    /** @return how many bytes were read into the block: less than a block only at the end of the source */
    private int fill(InputStream source) throws SourceFailedException {
        try {
            return source.readNBytes(block, 0, BLOCK_SIZE);
        } catch (IOException | RuntimeException e) {
            throw new SourceFailedException(e);
        }
    }
}
