package io.jenkins.plugins.mlpipeline.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits a byte stream into UTF-8 lines ({@code \n} or {@code \r\n}) using bounded memory.
 *
 * <p>A training script may print a single enormous line (a serialized tensor, a progress bar redrawn with
 * {@code \r} for hours). Only the first {@code maxLineBytes} bytes of a line are kept; the rest is counted and
 * skipped, and the line ends with a marker such as {@code " … [truncated 9,934,464 bytes]"}. Memory use is the
 * read buffer plus at most {@code maxLineBytes} per line, whatever the input.
 *
 * <p>Invalid UTF-8 is decoded to U+FFFD and never throws; a cut never splits a multi-byte character.
 * Not thread-safe: one reader per stream, used by one thread.
 */
public final class BoundedLineReader {

    /** A line read from the stream. {@code terminated} is false for a last line that ended at end of stream. */
    public record RawLine(String text, boolean terminated) {
    }

    private static final int READ_BUFFER_BYTES = 8192;
    private static final int INITIAL_LINE_BYTES = 256;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] readBuffer = new byte[READ_BUFFER_BYTES];
    private int readPos;
    private int readLimit;
    private boolean endOfStream;

    private byte[] line = new byte[INITIAL_LINE_BYTES];
    private int lineLength;
    private long droppedBytes;
    private byte lastByte;
    private boolean lineStarted;

    /**
     * @param in the stream to split; not closed by this reader
     * @param maxLineBytes bytes kept per line (at least 16), the rest is replaced by the truncation marker
     */
    public BoundedLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16, was " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return the line, or {@code null} at end of stream when no bytes of a line are pending
     * @throws IOException from the underlying stream; the partial line read so far is discarded
     */
    public RawLine readLine() throws IOException {
        try {
            return readUntilNewline();
        } catch (IOException e) {
            resetLine();
            throw e;
        }
    }

    private RawLine readUntilNewline() throws IOException {
        while (true) {
            if (readPos == readLimit && !fill()) {
                if (!lineStarted) {
                    return null;
                }
                return finishLine(false);
            }
            lineStarted = true;
            int newline = indexOfNewline(readPos, readLimit);
            int end = newline >= 0 ? newline : readLimit;
            if (end > readPos) {
                append(readPos, end - readPos);
                lastByte = readBuffer[end - 1];
            }
            if (newline >= 0) {
                readPos = newline + 1;
                return finishLine(true);
            }
            readPos = readLimit;
        }
    }

    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        int n;
        do {
            n = in.read(readBuffer, 0, readBuffer.length);
        } while (n == 0);
        if (n < 0) {
            endOfStream = true;
            return false;
        }
        readPos = 0;
        readLimit = n;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (readBuffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        int room = maxLineBytes - lineLength;
        int kept = Math.min(room, count);
        if (kept > 0) {
            ensureCapacity(lineLength + kept);
            System.arraycopy(readBuffer, from, line, lineLength, kept);
            lineLength += kept;
        }
        droppedBytes += count - kept;
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(needed, line.length * 2)));
        }
    }

    private RawLine finishLine(boolean terminated) {
        if (terminated && lastByte == '\r') {
            // The \r of a \r\n ending is either the last kept byte or was counted among the dropped ones.
            if (droppedBytes > 0) {
                droppedBytes--;
            } else if (lineLength > 0) {
                lineLength--;
            }
        }
        if (droppedBytes > 0) {
            backOffPartialCharacter();
        }
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        if (droppedBytes > 0) {
            text = text + truncationMarker(droppedBytes);
        }
        resetLine();
        return new RawLine(text, terminated);
    }

    /** If the cut fell inside a multi-byte UTF-8 sequence, drop its leading bytes too rather than emit U+FFFD. */
    private void backOffPartialCharacter() {
        int start = lineLength - 1;
        int continuationBytes = 0;
        while (start >= 0 && continuationBytes < 3 && (line[start] & 0xC0) == 0x80) {
            start--;
            continuationBytes++;
        }
        if (start < 0) {
            return;
        }
        int lead = line[start] & 0xFF;
        int sequenceLength = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        int available = lineLength - start;
        if (sequenceLength > 1 && available < sequenceLength) {
            droppedBytes += available;
            lineLength = start;
        }
    }

    private void resetLine() {
        lineLength = 0;
        droppedBytes = 0;
        lastByte = 0;
        lineStarted = false;
        if (line.length > INITIAL_LINE_BYTES * 16) {
            // Do not keep a maximal buffer alive for the whole stream after one long line.
            line = new byte[INITIAL_LINE_BYTES];
        }
    }

    /** The text appended to a truncated line, e.g. {@code " … [truncated 9,934,464 bytes]"}. */
    static String truncationMarker(long droppedBytes) {
        return String.format(Locale.ROOT, " \u2026 [truncated %,d bytes]", droppedBytes);
    }
}
