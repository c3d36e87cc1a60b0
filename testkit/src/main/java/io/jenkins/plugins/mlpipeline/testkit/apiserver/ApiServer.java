package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.jenkins.plugins.mlpipeline.testkit.exec.ExecEndpoint;
import io.jenkins.plugins.mlpipeline.testkit.logs.LogEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The emulated API server's HTTP front: a Vert.x server of our own, so that it can stream pod logs (the stock
 * MockWebServer only sends complete bodies), serve exec from the simulated containers, and inject faults before a
 * request reaches the fabric8 request handling. Everything else is handed to fabric8's
 * {@link HttpServerRequestHandler}, which also upgrades watches (and execs answered by expectations) to websockets.
 */
public final class ApiServer implements AutoCloseable {

    private static final List<String> WEBSOCKET_SUBPROTOCOLS =
            List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");
    /** Exec frames carry 64 KiB of output plus the channel byte; one websocket frame each. */
    private static final int MAX_WEBSOCKET_FRAME = 128 * 1024;

    private final Vertx vertx;
    private final HttpServer server;
    private final RequestStats stats;
    private final FaultInjector faults;
    private final LogEndpoint logs;
    private final ExecEndpoint exec;
    private final HttpServerRequestHandler stockHandler;
    private final ApiDispatcher dispatcher;

    public ApiServer(ApiDispatcher dispatcher, RequestStats stats, FaultInjector faults, LogEndpoint logs,
            ExecEndpoint exec) {
        this.vertx = Vertx.vertx();
        this.stats = stats;
        this.faults = faults;
        this.logs = logs;
        this.exec = exec;
        this.dispatcher = dispatcher;
        this.stockHandler = new HttpServerRequestHandler(vertx) {
            @Override
            protected MockResponse onHttpRequest(RecordedRequest request) {
                return dispatcher.dispatch(request);
            }
        };
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setWebSocketSubProtocols(WEBSOCKET_SUBPROTOCOLS)
                // Compressed exec frames cap throughput (see the fabric8 mock notes); logs need none either.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_FRAME)
                .setHandle100ContinueAutomatically(true);
        this.server = vertx.createHttpServer(options).requestHandler(this::onRequest);
        await(server.listen().toCompletionStage().toCompletableFuture(), "start the emulated API server");
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void onRequest(HttpServerRequest request) {
        stats.record(request.method().name(), request.uri());
        RequestPath path = RequestPath.parse(request.uri());
        FaultInjector.Verdict verdict = faults.check(request.getHeader("Authorization"),
                path != null && path.isWatch());
        if (verdict.delay().isZero()) {
            route(request, path, verdict);
        } else {
            // Hold the request (and its body) without blocking the event loop.
            request.pause();
            vertx.setTimer(Math.max(1, verdict.delay().toMillis()), id -> route(request, path, verdict));
        }
    }

    private void route(HttpServerRequest request, RequestPath path, FaultInjector.Verdict verdict) {
        if (verdict.error() != null) {
            request.resume();
            VertxReplies.send(request.response(), verdict.error());
        } else if (request.method() == io.vertx.core.http.HttpMethod.GET && LogEndpoint.isLogRequest(path)) {
            request.resume();
            logs.handle(request, path);
        } else if (ExecEndpoint.isExecRequest(request.method(), path)
                && !dispatcher.hasExpectation(io.fabric8.mockwebserver.dsl.HttpMethod.fromVertx(request.method()),
                        request.uri())) {
            request.resume();
            if (faults.execForbidden()) {
                VertxReplies.send(request.response(), Statuses.forbidden("pods \"" + path.name() + "\" is forbidden:"
                        + " User \"system:serviceaccount:jenkins:jenkins\" cannot create resource \"pods/exec\" in API"
                        + " group \"\" in the namespace \"" + path.namespace() + "\""));
                return;
            }
            exec.handle(request, path);
        } else {
            stockHandler.handle(request);
        }
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            await(server.close().toCompletionStage().toCompletableFuture(), "stop the emulated API server");
        } finally {
            await(vertx.close().toCompletionStage().toCompletableFuture(), "stop Vert.x");
        }
    }

    private static void await(CompletableFuture<?> future, String what) {
        try {
            future.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not " + what, e);
        }
    }
}
