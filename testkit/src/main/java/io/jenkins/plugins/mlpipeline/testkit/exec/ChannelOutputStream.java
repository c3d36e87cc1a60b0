package io.jenkins.plugins.mlpipeline.testkit.exec;

import java.io.IOException;
import java.io.OutputStream;

/** One output channel of an exec (stdout or stderr): bytes gathered into frames of up to 64 KiB. */
final class ChannelOutputStream extends OutputStream {

    static final int FRAME_PAYLOAD = 64 * 1024;

    private final FrameSender sender;
    private final byte channel;
    private final byte[] buffer = new byte[FRAME_PAYLOAD];
    private int count;

    ChannelOutputStream(FrameSender sender, byte channel) {
        this.sender = sender;
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            flush();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(bytes, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            sender.send(channel, buffer, 0, n);
        }
    }

    /** Sends what is buffered; the websocket stays open. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
