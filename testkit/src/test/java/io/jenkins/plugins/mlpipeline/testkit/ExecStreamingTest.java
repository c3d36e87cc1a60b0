package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.MOUNT;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.SIDECAR;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.SIDECAR_IMAGE;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.TAR;
import static io.jenkins.plugins.mlpipeline.testkit.OutputsPods.awaitMainTerminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Large exec outputs: streamed with backpressure, and interrupted by faults or by the container's end. */
class ExecStreamingTest {

    private static final long MIB = 1024 * 1024;
    private static final long LARGE = 200 * MIB;

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script(SIDECAR_IMAGE, OutputsPods.sidecar());
        emu.script("big:1", ContainerScript.create()
                .writeFile(MOUNT + "/a.txt", "first")
                .writeFile(MOUNT + "/zeros.bin", LARGE)
                .exit(0));
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void largeFileIsStreamedWhileTheClientReadsAndNeverHeldInTheServersHeap() throws Exception {
        String pod = startJob("big");
        long memoryBefore = memoryInUse();

        try (ExecWatch watch = client.pods().withName(pod).inContainer(SIDECAR).redirectingOutput()
                .exec(TAR.toArray(String[]::new));
                TarArchiveInputStream tar = new TarArchiveInputStream(watch.getOutput())) {
            assertThat(tar.getNextEntry().getName()).isEqualTo("./");
            assertThat(new String(readEntry(tar, "./a.txt"))).isEqualTo("first");
            TarArchiveEntry zeros = tar.getNextEntry();
            assertThat(zeros.getName()).isEqualTo("./zeros.bin");
            assertThat(zeros.getSize()).isEqualTo(LARGE);
            assertThat(skipZeros(tar, 8 * MIB)).isEqualTo(8 * MIB);

            // The client stops reading for a while: a server that buffered the output would fill its memory now.
            Thread.sleep(1000);
            long memoryWhilePaused = memoryInUse();

            assertThat(memoryWhilePaused - memoryBefore).as("memory growth while 192 MiB wait to be sent")
                    .isLessThan(48 * MIB);
            assertThat(skipZeros(tar, LARGE)).isEqualTo(LARGE - 8 * MIB);
            assertThat(tar.getNextEntry()).isNull();
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void droppedExecStreamEndsTheCollectionWithoutAnExitStatus() throws Exception {
        String pod = startJob("dropped");

        try (ExecWatch watch = client.pods().withName(pod).inContainer(SIDECAR).redirectingOutput()
                .exec(TAR.toArray(String[]::new))) {
            InputStream out = watch.getOutput();
            // Not readNBytes: it may ask for 0 bytes, which fabric8's stream rejects with an assertion.
            assertThat(skipZeros(out, MIB)).isEqualTo(MIB);

            emu.faults().dropExecStreams();

            Throwable reading = catchThrowable(() -> out.transferTo(OutputStreamSink.INSTANCE));
            CompletableFuture<Integer> exit = watch.exitCode();
            await().atMost(Duration.ofSeconds(10)).until(exit::isDone);
            Integer code = exitCodeOrNull(exit);
            assertThat(code).as("no exit status after a dropped stream").isNull();
            assertThat(OutputStreamSink.INSTANCE.count + MIB).isLessThan(LARGE);
            if (reading != null) {
                assertThat(reading).isInstanceOf(IOException.class);
            }
        }
        assertThat(emu.execCount()).isEqualTo(1);
    }

    @Test
    void containerStoppingWhileTarRunsKillsTheExecWithExitCode137() throws Exception {
        String pod = startJob("stopped");

        try (ExecWatch watch = client.pods().withName(pod).inContainer(SIDECAR).redirectingOutput()
                .exec(TAR.toArray(String[]::new))) {
            InputStream out = watch.getOutput();
            assertThat(skipZeros(out, MIB)).isEqualTo(MIB);

            client.pods().withName(pod).delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> sidecarGone(pod));

            // The exit status queues behind the output already sent: only a reading client gets to it.
            Throwable reading = catchThrowable(() -> read(out, LARGE, true));
            assertThat(reading).isInstanceOf(IOException.class);
            assertThat(exitCodeOrNull(watch.exitCode())).isEqualTo(137);
        }
    }

    private String startJob(String name) {
        OutputStreamSink.INSTANCE.count = 0;
        client.batch().v1().jobs().resource(OutputsPods.job(name, "big:1").build()).create();
        return awaitMainTerminated(emu, name);
    }

    private boolean sidecarGone(String pod) {
        io.fabric8.kubernetes.api.model.Pod current = client.pods().withName(pod).get();
        return current == null || OutputsPods.state(current, SIDECAR).getTerminated() != null;
    }

    private static byte[] readEntry(TarArchiveInputStream tar, String name) throws IOException {
        assertThat(tar.getNextEntry().getName()).isEqualTo(name);
        return tar.readAllBytes();
    }

    /**
     * Reads up to {@code max} bytes, checking they are zeros (the tar headers of the first entries are not: callers
     * reading a raw stream only count); returns how many were read.
     */
    private static long skipZeros(InputStream in, long max) throws IOException {
        return read(in, max, !(in instanceof TarArchiveInputStream));
    }

    private static long read(InputStream in, long max, boolean anyBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n && !anyBytes; i++) {
                if (buffer[i] != 0) {
                    throw new AssertionError("byte " + (total + i) + " of the zero file is " + buffer[i]);
                }
            }
            total += n;
        }
        return total;
    }

    /**
     * Heap after a full GC plus direct memory: Netty moves queued writes to direct buffers, so a server buffering
     * its output would show there rather than in the heap.
     */
    private static long memoryInUse() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            direct += Math.max(0, pool.getMemoryUsed());
        }
        return runtime.totalMemory() - runtime.freeMemory() + direct
                + Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    }

    private static Integer exitCodeOrNull(CompletableFuture<Integer> exit) throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** Counts what it is given, keeps nothing. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
