package io.jenkins.plugins.mlpipeline.testkit.logs;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@code follow=true} log stream: a chunked response that receives lines as the container writes them and ends
 * once the container has terminated and everything was sent (as the kubelet's {@code waitLogs} does).
 */
final class LogFollower {

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final ContainerLog log;
    private final LogRequest options;
    private final Context context;
    private final Consumer<LogFollower> onEnd;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable watcher = this::scheduleDrain;
    private int cursor;
    private long bytesSent;
    private boolean finished;

    LogFollower(HttpServerRequest request, ContainerLog log, LogRequest options, Context context,
            Consumer<LogFollower> onEnd) {
        this.request = request;
        this.response = request.response();
        this.log = log;
        this.options = options;
        this.context = context;
        this.onEnd = onEnd;
    }

    /** Sends the headers and the backlog, then keeps following. Runs on the request's event loop. */
    void start() {
        response.setChunked(true);
        response.putHeader("Content-Type", "text/plain");
        response.closeHandler(v -> finish(false));
        // An empty first write sends the headers now, so the client's call returns while the container is quiet.
        response.write(Buffer.buffer());
        ContainerLog.Snapshot backlog = log.from(0);
        cursor = backlog.lines().size();
        write(options.select(backlog.lines()));
        log.addWatcher(watcher);
        drain();
    }

    /** Abruptly closes the connection, as a broken network or a restarting API server would. */
    void drop() {
        context.runOnContext(v -> {
            if (!finished) {
                finished = true;
                log.removeWatcher(watcher);
                onEnd.accept(this);
                request.connection().close();
            }
        });
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        if (finished) {
            return;
        }
        ContainerLog.Snapshot fresh = log.from(cursor);
        cursor += fresh.lines().size();
        List<LogLine> selected = new ArrayList<>();
        for (LogLine line : fresh.lines()) {
            if (options.includes(line)) {
                selected.add(line);
            }
        }
        write(selected);
        if (!finished && fresh.ended()) {
            finish(true);
        }
    }

    private void write(List<LogLine> lines) {
        if (lines.isEmpty() || finished) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            text.append(options.render(line));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (options.limitBytes() != null && bytesSent + bytes.length >= options.limitBytes()) {
            int allowed = (int) (options.limitBytes() - bytesSent);
            response.write(Buffer.buffer(Arrays.copyOf(bytes, allowed)));
            bytesSent += allowed;
            finish(true);
            return;
        }
        bytesSent += bytes.length;
        response.write(Buffer.buffer(bytes));
    }

    private void finish(boolean endResponse) {
        if (finished) {
            return;
        }
        finished = true;
        log.removeWatcher(watcher);
        onEnd.accept(this);
        if (endResponse) {
            response.end();
        }
    }
}
