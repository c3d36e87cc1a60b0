package io.jenkins.plugins.mlpipeline.testkit.exec;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Writes channel frames ({@code <channel byte><payload>}, the {@code v4.channel.k8s.io} framing) to an exec
 * websocket from a sender thread, with backpressure: at most a few frames are queued in the server at any time, the
 * next one waits until an earlier one has reached the socket. A slow client therefore slows the sender instead of
 * making the server buffer the whole output. Never call it on the Vert.x event loop (it blocks).
 */
final class FrameSender {

    /** The client closed the websocket, or the connection broke: nothing more can be sent. */
    static final class SocketClosed extends IOException {
        private static final long serialVersionUID = 1L;

        SocketClosed(String message) {
            super(message);
        }
    }

    /** The container the command runs in has stopped: the runtime kills the exec'd process. */
    static final class ContainerStopped extends IOException {
        private static final long serialVersionUID = 1L;

        ContainerStopped() {
            super("the container stopped while the command ran");
        }
    }

    private static final int MAX_FRAMES_IN_FLIGHT = 4;

    private final ServerWebSocket socket;
    private int inFlight;
    private String closedReason;
    private boolean containerStopped;

    FrameSender(ServerWebSocket socket) {
        this.socket = socket;
    }

    /** Sends one frame of command output; fails once the socket is closed or the container has stopped. */
    void send(byte channel, byte[] data, int offset, int length) throws IOException {
        awaitSlot(true);
        write(channel, data, offset, length);
    }

    /** Sends the final status frame, also after the container has stopped (its exit status is what it reports). */
    void sendStatus(byte channel, byte[] data) throws IOException {
        awaitSlot(false);
        write(channel, data, 0, data.length);
    }

    synchronized void socketClosed(String reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        notifyAll();
    }

    synchronized void containerStopped() {
        containerStopped = true;
        notifyAll();
    }

    synchronized boolean isSocketClosed() {
        return closedReason != null;
    }

    private synchronized void awaitSlot(boolean failIfContainerStopped) throws IOException {
        try {
            while (inFlight >= MAX_FRAMES_IN_FLIGHT && closedReason == null
                    && !(failIfContainerStopped && containerStopped)) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending exec output");
        }
        if (closedReason != null) {
            throw new SocketClosed(closedReason);
        }
        if (failIfContainerStopped && containerStopped) {
            throw new ContainerStopped();
        }
        inFlight++;
    }

    /** Outside the monitor: Vert.x takes its connection lock here, and completes writes on the event loop. */
    private void write(byte channel, byte[] data, int offset, int length) throws SocketClosed {
        Buffer frame = Buffer.buffer(length + 1).appendByte(channel).appendBytes(data, offset, length);
        Future<Void> written;
        try {
            written = socket.writeBinaryMessage(frame);
        } catch (IllegalStateException e) {
            frameDone(false);
            throw new SocketClosed("the exec websocket is closed");
        }
        written.onComplete(result -> frameDone(result.succeeded()));
    }

    private synchronized void frameDone(boolean succeeded) {
        inFlight--;
        if (!succeeded && closedReason == null) {
            closedReason = "a frame could not be written to the exec websocket";
        }
        notifyAll();
    }
}
