package io.jenkins.plugins.mlpipeline.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Turns an API error that arrives as the body of a log stream into a {@link PodLogException}.
 *
 * <p>fabric8 7.3.1 {@code watchLog()} does not check the HTTP status: a 400 or 404 answer's JSON {@code Status}
 * becomes the log stream's content. With {@code timestamps=true} every genuine log line starts with a digit,
 * so a body starting with {@code '{'} can only be such a {@code Status}. The check happens on the first read,
 * not on open, so that opening never blocks on a container that has not printed anything yet.
 */
final class StatusBodyCheckingStream extends FilterInputStream {

    /** A Status is a few hundred bytes; never buffer more than this while deciding. */
    static final int MAX_STATUS_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String what;
    private boolean checked;
    private byte[] replay;
    private int replayPos;

    /**
     * @param in the raw log stream
     * @param what names the log in error messages, e.g. {@code pod ns/p container main}
     */
    StatusBodyCheckingStream(InputStream in, String what) {
        super(in);
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!checked) {
            check();
        }
        if (replay != null) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, replay.length - replayPos);
            System.arraycopy(replay, replayPos, b, off, n);
            replayPos += n;
            if (replayPos == replay.length) {
                replay = null;
            }
            return n;
        }
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    @Override
    public int available() throws IOException {
        return replay != null ? replay.length - replayPos : checked ? super.available() : 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        checked = true;
        int first = in.read();
        if (first < 0) {
            return;
        }
        if (first != '{') {
            replay = new byte[] {(byte) first};
            return;
        }
        byte[] buffer = new byte[512];
        buffer[0] = '{';
        int length = 1;
        while (length < MAX_STATUS_BYTES) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(MAX_STATUS_BYTES, buffer.length * 2));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        rejectIfStatus(buffer, length);
        replay = Arrays.copyOf(buffer, length);
    }

    private void rejectIfStatus(byte[] body, int length) throws PodLogException {
        JsonNode node;
        try {
            node = JSON.readTree(body, 0, length);
        } catch (IOException notJson) {
            return;
        }
        if (node == null || !"Status".equals(node.path("kind").asText())) {
            return;
        }
        int code = node.path("code").asInt(0);
        String message = node.path("message").asText("");
        String reason = node.path("reason").asText("");
        String text = message.isEmpty() ? reason : message;
        throw new PodLogException(code > 0 ? "HTTP " + code + ": " + text : "log of " + what + " refused: " + text,
                code, null);
    }
}
