package io.jenkins.plugins.mlpipeline.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to change one model, across threads and processes. A {@link FileChannel} lock belongs to the
 * whole JVM (a second lock attempt from another thread throws {@code OverlappingFileLockException} instead of
 * waiting), so threads first queue on an in-JVM lock shared by every {@link ModelRegistry} instance, and only
 * the holder takes the file lock on {@code <model>/.lock}, which other processes respect.
 */
final class ModelLock {

    /** Work done while holding a model's lock. */
    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws IOException;
    }

    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private ModelLock() {
    }

    /** Runs {@code action} holding the model's lock, which it waits for; creates {@code modelDir} if needed. */
    static <T> T holding(Path modelDir, LockedAction<T> action) throws IOException {
        Files.createDirectories(modelDir);
        // The real path, so that two spellings of one directory share one in-JVM lock.
        ReentrantLock threadLock = IN_JVM.computeIfAbsent(modelDir.toRealPath(), dir -> new ReentrantLock());
        try {
            threadLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the lock of " + modelDir);
        }
        try (FileChannel channel = FileChannel.open(modelDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            channel.lock(); // released when the channel closes
            return action.run();
        } finally {
            threadLock.unlock();
        }
    }
}
