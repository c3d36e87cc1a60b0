package io.jenkins.plugins.mlpipeline.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar archive written on the fly by a producer thread into a pipe, so that tests can extract archives far larger
 * than they could hold in memory or want on disk. Closing it closes the reading end (which unblocks a producer the
 * extractor stopped reading from) and waits for the producer.
 */
final class ProducedArchive implements AutoCloseable {

    interface Content {
        void writeTo(TarArchiveOutputStream tar) throws IOException;
    }

    private static final int PIPE_BYTES = 1024 * 1024;

    private final PipedInputStream in;
    private final Thread producer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ProducedArchive(Content content) throws IOException {
        in = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out = new PipedOutputStream(in);
        producer = new Thread(() -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                content.writeTo(tar);
                tar.finish();
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
        }, "test-tar-producer");
        producer.setDaemon(true);
        producer.start();
    }

    /** A regular file entry of the given size, with a whole-second time so that no PAX header is needed. */
    static TarArchiveEntry fileEntry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(size);
        entry.setModTime(FileTime.fromMillis(1_700_000_000_000L));
        return entry;
    }

    InputStream stream() {
        return in;
    }

    /** Whatever the producer threw; "Pipe closed" is expected when the extractor stopped reading early. */
    Throwable producerFailure() {
        return failure.get();
    }

    /** Waits until the producer has written everything (or failed); afterwards its results are visible. */
    void awaitProducer() throws InterruptedException {
        producer.join(30_000);
        if (producer.isAlive()) {
            throw new IllegalStateException("the tar producer did not finish within 30 s");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            producer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
