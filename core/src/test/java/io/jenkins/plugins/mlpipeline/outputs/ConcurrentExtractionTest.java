package io.jenkins.plugins.mlpipeline.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentExtractionTest {

    @TempDir
    Path parent;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void racingForOneDestinationOneWinsAndTheLoserLeavesNothing() throws Exception {
        Path destination = parent.resolve("out");
        // Both streams wait for each other on their first read: by then both extractions have checked that the
        // destination does not exist and made their temporary directories.
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        List<Future<CollectedOutputs>> results = new ArrayList<>();
        for (String content : List.of("first", "second")) {
            InputStream gated = new GatedStream(new TestArchive().file("./who", content).file("./x/y", content)
                    .bytes(), bothStarted);
            results.add(pool.submit(() -> OutputExtractor.extract(gated, destination, OutputLimits.DEFAULT)));
        }

        List<String> winners = new ArrayList<>();
        List<Throwable> losers = new ArrayList<>();
        for (Future<CollectedOutputs> result : results) {
            try {
                result.get(30, TimeUnit.SECONDS);
                winners.add("ok");
            } catch (ExecutionException e) {
                losers.add(e.getCause());
            }
        }

        assertThat(winners).hasSize(1);
        assertThat(losers).singleElement().isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("could not collect the outputs into "
                        + destination).endsWith("; nothing was kept"));
        String who = Files.readString(destination.resolve("who"));
        assertThat(who).isIn("first", "second");
        assertThat(destination.resolve("x/y")).hasContent(who);
        try (Stream<Path> children = Files.list(parent)) {
            assertThat(children).containsExactly(destination);
        }
    }

    @Test
    void parallelExtractionsDoNotDisturbEachOther() throws Exception {
        List<Future<CollectedOutputs>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] archive = new TestArchive().file("./id", "run " + i).file("./data/block", new byte[200_000])
                    .symlink("./latest", "data/block").bytes();
            Path destination = parent.resolve("run-" + i);
            results.add(pool.submit(() ->
                    OutputExtractor.extract(new ByteArrayInputStream(archive), destination, OutputLimits.DEFAULT)));
        }

        for (int i = 0; i < results.size(); i++) {
            CollectedOutputs outputs = results.get(i).get(30, TimeUnit.SECONDS);
            assertThat(outputs.files()).extracting(OutputFile::path).containsExactly("data/block", "id", "latest");
            assertThat(parent.resolve("run-" + i + "/id")).hasContent("run " + i);
        }
        try (Stream<Path> children = Files.list(parent)) {
            assertThat(children).hasSize(12).allSatisfy(p -> assertThat(p.getFileName().toString()).startsWith("run-")
                    .doesNotContain("partial"));
        }
    }

    /** Holds its first read until every party of the barrier has reached its own first read. */
    private static final class GatedStream extends FilterInputStream {

        private final CyclicBarrier barrier;
        private boolean opened;

        GatedStream(byte[] archive, CyclicBarrier barrier) {
            super(new ByteArrayInputStream(archive));
            this.barrier = barrier;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!opened) {
                opened = true;
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IOException("the other extraction never started", e);
                }
            }
            return super.read(b, off, len);
        }
    }
}
