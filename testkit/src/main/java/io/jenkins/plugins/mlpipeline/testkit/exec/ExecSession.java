package io.jenkins.plugins.mlpipeline.testkit.exec;

import io.jenkins.plugins.mlpipeline.testkit.sim.ExecTarget;
import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One exec on an upgraded websocket: runs the command on a sender thread of its own, writes stdout (channel 1) and
 * stderr (channel 2) as the command produces them, then the exit status (channel 3), then closes the websocket as the
 * kubelet does. When the container stops first, the command is killed and reports exit code 137.
 */
final class ExecSession implements Runnable {

    private static final Logger LOG = Logger.getLogger(ExecSession.class.getName());
    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte STATUS = 3;
    private static final int KILLED_EXIT = 137;
    private static final short CLOSE_NORMAL = 1000;

    private final ServerWebSocket socket;
    private final HttpConnection connection;
    private final Context context;
    private final ExecTarget target;
    private final List<String> command;
    private final ExecCommand program;
    private final FrameSender sender;
    private final ExecIo io;
    private final Consumer<ExecSession> onEnd;

    /**
     * @param stdout whether the client asked for stdout; output on a stream it did not ask for is discarded
     * @param stderr the same for stderr
     */
    ExecSession(ServerWebSocket socket, HttpConnection connection, Context context, ExecTarget target,
            List<String> command, boolean stdout, boolean stderr, Consumer<ExecSession> onEnd) {
        this.socket = socket;
        this.connection = connection;
        this.context = context;
        this.target = target;
        this.command = List.copyOf(command);
        this.program = ExecCommand.parse(command);
        this.sender = new FrameSender(socket);
        this.io = new ExecIo(target, channel(stdout, STDOUT), channel(stderr, STDERR));
        this.onEnd = onEnd;
        // Stdin, resize and close-channel frames are not used by the emulated commands.
        socket.handler(ignored -> { });
        // Called on the event loop; the client's own close (after our status, or to abort) ends the session too.
        socket.closeHandler(v -> sender.socketClosed("the client closed the exec websocket"));
        socket.exceptionHandler(e -> sender.socketClosed("the exec websocket failed: " + e));
    }

    private OutputStream channel(boolean requested, byte channel) {
        return requested ? new ChannelOutputStream(sender, channel) : OutputStream.nullOutputStream();
    }

    @Override
    public void run() {
        Runnable killed = sender::containerStopped;
        boolean running = target.addStopListener(killed);
        boolean ran = false;
        try {
            int exitCode = KILLED_EXIT;
            if (running) {
                try {
                    exitCode = program.run(io);
                    ran = true;
                    io.flush();
                } catch (FrameSender.ContainerStopped e) {
                    // The runtime killed the command with its container: it reports 137 like a SIGKILLed process.
                    exitCode = KILLED_EXIT;
                }
            }
            target.removeStopListener(killed);
            sender.sendStatus(STATUS, ExecStatus.of(exitCode, command));
            closeGracefully();
        } catch (FrameSender.SocketClosed e) {
            LOG.log(Level.FINE, "exec of {0} ended without a client: {1}", new Object[] {command, e.getMessage()});
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "emulated exec of " + command + " failed", e);
            sendInternalError(e);
        } finally {
            target.removeStopListener(killed);
            if (ran) {
                io.effectsAfterExit().forEach(Runnable::run);
            }
            onEnd.accept(this);
        }
    }

    /** Breaks the connection without a close frame, as a failing network or API server would. */
    void drop() {
        sender.socketClosed("the exec stream was dropped by the emulator");
        context.runOnContext(v -> connection.close());
    }

    private void sendInternalError(Exception e) {
        try {
            sender.sendStatus(STATUS, ExecStatus.internalError(String.valueOf(e.getMessage())));
            closeGracefully();
        } catch (IOException | RuntimeException ignored) {
            drop();
        }
    }

    private void closeGracefully() {
        context.runOnContext(v -> socket.close(CLOSE_NORMAL));
    }
}
