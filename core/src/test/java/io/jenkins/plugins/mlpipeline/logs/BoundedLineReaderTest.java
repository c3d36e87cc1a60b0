package io.jenkins.plugins.mlpipeline.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static List<BoundedLineReader.RawLine> readAll(InputStream in, int max) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(in, max);
        List<BoundedLineReader.RawLine> lines = new ArrayList<>();
        BoundedLineReader.RawLine line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
        }
        return lines;
    }

    private static List<String> texts(String input, int max) throws IOException {
        return readAll(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), max).stream()
                .map(BoundedLineReader.RawLine::text).toList();
    }

    @Test
    void splitsOnLfAndCrLfAndKeepsEmptyLines() throws IOException {
        assertThat(texts("a\nb\r\n\r\nc\n\nd", 1024)).containsExactly("a", "b", "", "c", "", "d");
    }

    @Test
    void loneCarriageReturnStaysInsideTheLine() throws IOException {
        assertThat(texts("50%\r100%\n", 1024)).containsExactly("50%\r100%");
    }

    @Test
    void marksOnlyTheLastLineWithoutNewlineAsUnterminated() throws IOException {
        List<BoundedLineReader.RawLine> lines =
                readAll(new ByteArrayInputStream("one\ntwo".getBytes(StandardCharsets.UTF_8)), 64);
        assertThat(lines).containsExactly(new BoundedLineReader.RawLine("one", true),
                new BoundedLineReader.RawLine("two", false));
        assertThat(readAll(new ByteArrayInputStream(new byte[0]), 64)).isEmpty();
    }

    @Test
    void crLfSplitAcrossReadsAndAtTheCapIsStillOneTerminator() throws IOException {
        // One byte per read: the \r and the \n arrive in different reads.
        InputStream trickle = new InputStream() {
            private final byte[] data = "abcdefghijklmnopqrst\r\nxy\r\n".getBytes(StandardCharsets.UTF_8);
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                b[off] = data[pos++];
                return 1;
            }
        };
        List<String> lines = readAll(trickle, 16).stream().map(BoundedLineReader.RawLine::text).toList();
        // 20 content bytes + \r: 16 kept, 4 content bytes dropped; the \r is not counted as content.
        assertThat(lines).containsExactly("abcdefghijklmnop" + BoundedLineReader.truncationMarker(4), "xy");
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersWithoutThrowing() throws IOException {
        byte[] bytes = {'o', 'k', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, '\n', 'n', 'e', 'x', 't', '\n'};
        List<String> lines = readAll(new ByteArrayInputStream(bytes), 64).stream()
                .map(BoundedLineReader.RawLine::text).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ok").contains("\uFFFD");
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void cutNeverSplitsAMultiByteCharacter() throws IOException {
        // "€" is 3 bytes in UTF-8: with a 17-byte cap the cut falls inside the 6th euro sign.
        String line = "a" + "€".repeat(10);
        List<String> lines = texts(line + "\n", 17);
        // 1 + 5 * 3 = 16 bytes fit whole; the 6th euro's first byte would be the 17th: dropped with the rest.
        assertThat(lines).containsExactly("a" + "€".repeat(5) + BoundedLineReader.truncationMarker(15));
        assertThat(lines.get(0)).doesNotContain("\uFFFD");
    }

    @Test
    void markerUsesThousandsSeparators() {
        assertThat(BoundedLineReader.truncationMarker(9_934_464)).isEqualTo(" \u2026 [truncated 9,934,464 bytes]");
    }

    @Test
    void tenMegabyteLineIsCappedWithBoundedMemory() throws IOException {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        int cap = 64 * 1024;
        long lineBytes = 10L * 1024 * 1024;
        InputStream huge = new LazyLineStream(lineBytes, "next line\n");
        BoundedLineReader reader = new BoundedLineReader(huge, cap);

        long threadId = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
        BoundedLineReader.RawLine first = reader.readLine();
        long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;

        String marker = BoundedLineReader.truncationMarker(lineBytes - cap);
        assertThat(marker).isEqualTo(" \u2026 [truncated 10,420,224 bytes]");
        assertThat(first.text()).hasSize(cap + marker.length()).endsWith(marker).startsWith("xxxx");
        assertThat(first.terminated()).isTrue();
        // Buffering the whole line would allocate at least 10 MB (20 MB as chars); the cap keeps it near 64 KiB.
        assertThat(allocated).as("bytes allocated while reading a 10 MB line").isLessThan(2L * 1024 * 1024);
        assertThat(reader.readLine().text()).isEqualTo("next line");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void failureOfTheStreamPropagatesAndDiscardsThePartialLine() throws IOException {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                throw new IOException("unused");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    byte[] partial = "complete\nhalf a li".getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(partial, 0, b, off, partial.length);
                    return partial.length;
                }
                throw new IOException("connection reset");
            }
        };
        BoundedLineReader reader = new BoundedLineReader(failing, 64);
        assertThat(reader.readLine().text()).isEqualTo("complete");
        assertThatThrownBy(reader::readLine).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void rejectsTinyCap() {
        assertThatThrownBy(() -> new BoundedLineReader(InputStream.nullInputStream(), 8))
                .hasMessageContaining("maxLineBytes");
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "needs HotSpot allocation counters");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    /** Produces {@code size} bytes of 'x', a newline, then {@code tail}, without ever holding them all. */
    private static final class LazyLineStream extends InputStream {
        private final long size;
        private final byte[] tail;
        private long produced;
        private int tailPos = -1;

        LazyLineStream(long size, String tail) {
            this.size = size;
            this.tail = ("\n" + tail).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced < size) {
                int n = (int) Math.min(len, size - produced);
                Arrays.fill(b, off, off + n, (byte) 'x');
                produced += n;
                return n;
            }
            if (tailPos < 0) {
                tailPos = 0;
            }
            if (tailPos >= tail.length) {
                return -1;
            }
            int n = Math.min(len, tail.length - tailPos);
            System.arraycopy(tail, tailPos, b, off, n);
            tailPos += n;
            return n;
        }
    }
}
