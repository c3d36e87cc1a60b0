package io.jenkins.plugins.mlpipeline.outputs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits between the pod's stream and the tar reader. It remembers how the stream ended (so a truncated archive can be
 * told from a corrupt one, and a broken connection from both), and caps the bytes the reader may consume for one
 * entry header: commons-compress collects GNU long names, PAX headers and sparse maps in memory, so without a cap a
 * hostile archive could fill the controller's heap with one giant "name".
 */
final class ArchiveSource extends FilterInputStream {

    /** Thrown when a header goes over its budget. */
    static final class HeaderTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        HeaderTooLargeException(long limit) {
            super("entry header larger than " + limit + " bytes");
        }
    }

    private final byte[] singleByte = new byte[1];
    private long bytesRead;
    /** Negative while no header is being read. */
    private long headerLimit = -1;
    private long headerBytes;
    private boolean ended;
    private boolean headerTooLarge;
    private IOException failure;

    ArchiveSource(InputStream in) {
        super(in);
    }

    /** Until {@link #endHeader()}, at most {@code budget} bytes may be read. */
    void startHeader(long limit) {
        headerLimit = limit;
        headerBytes = 0;
    }

    void endHeader() {
        headerLimit = -1;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** The underlying stream reported its end (possibly in the middle of the archive). */
    boolean ended() {
        return ended;
    }

    boolean headerTooLarge() {
        return headerTooLarge;
    }

    /** What the underlying stream threw, if it did. */
    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        return read(singleByte, 0, 1) < 0 ? -1 : singleByte[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int allowed = length;
        if (headerLimit >= 0) {
            long left = headerLimit - headerBytes;
            if (left == 0 && length > 0) {
                headerTooLarge = true;
                throw new HeaderTooLargeException(headerLimit);
            }
            allowed = (int) Math.min(length, left);
        }
        int count;
        try {
            count = in.read(buffer, offset, allowed);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (count < 0) {
            ended = true;
            return -1;
        }
        bytesRead += count;
        if (headerLimit >= 0) {
            headerBytes += count;
        }
        return count;
    }

    /** Skipping reads, so that the counts and the end detection above stay right. */
    @Override
    public long skip(long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The caller owns the pod's stream. */
    @Override
    public void close() {
    }
}
