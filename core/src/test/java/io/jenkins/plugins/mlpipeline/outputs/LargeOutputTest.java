package io.jenkins.plugins.mlpipeline.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB entry, produced on the fly through a pipe (no 2 GiB buffer, no 2 GiB temporary tar), must stream through
 * with a flat heap. Mostly zeros (stored as holes, so it costs little disk) with a data block every 16 blocks, so
 * both the hole and the write path run; the size is not a multiple of the block size.
 */
class LargeOutputTest {

    private static final long SIZE = 2L * 1024 * 1024 * 1024 + 12_345;
    private static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;

    @TempDir
    Path parent;

    @Test
    void twoGibibyteEntryIsStreamedWithAFlatHeap() throws Exception {
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        long heapBefore = usedHeapAfterGc();
        CollectedOutputs outputs;
        try (ProducedArchive archive = new ProducedArchive(tar -> {
            tar.putArchiveEntry(ProducedArchive.fileEntry("./model.bin", SIZE));
            byte[] zeros = new byte[HashingFileWriter.BLOCK_SIZE];
            byte[] data = new byte[HashingFileWriter.BLOCK_SIZE];
            Arrays.fill(data, (byte) 0x5a);
            long written = 0;
            for (long block = 0; written < SIZE; block++) {
                byte[] content = block % 16 == 0 ? data : zeros;
                int length = (int) Math.min(content.length, SIZE - written);
                tar.write(content, 0, length);
                expected.update(content, 0, length);
                written += length;
            }
            tar.closeArchiveEntry();
        })) {
            HeapSampler sampler = HeapSampler.start();
            try {
                outputs = Extracting.extract(archive.stream(), parent, OutputLimits.DEFAULT);
            } finally {
                sampler.stop();
            }
            archive.awaitProducer(); // its digest is then complete and visible here
            assertThat(archive.producerFailure()).isNull();
            assertThat(sampler.samples()).as("heap samples taken").isPositive();
            assertThat(sampler.maxUsedAfterGc() - heapBefore).as("heap growth during extraction")
                    .isLessThan(MAX_HEAP_GROWTH);
        }
        long heapAfter = usedHeapAfterGc();

        assertThat(outputs.files()).containsExactly(
                new OutputFile("model.bin", SIZE, HexFormat.of().formatHex(expected.digest())));
        assertThat(Files.size(parent.resolve("out/model.bin"))).isEqualTo(SIZE);
        assertThat(heapAfter - heapBefore).as("heap growth after extraction").isLessThan(MAX_HEAP_GROWTH);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Measures the live heap (after a GC) several times a second while the extraction runs. */
    private static final class HeapSampler {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong maxUsed = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final Thread thread = new Thread(this::sample, "test-heap-sampler");

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        private void sample() {
            while (running.get()) {
                System.gc();
                maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long maxUsedAfterGc() {
            return maxUsed.get();
        }

        long samples() {
            return samples.get();
        }
    }
}
