package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Sends a plain (non-websocket) {@link MockResponse} on a Vert.x response. */
public final class VertxReplies {

    private VertxReplies() {
    }

    public static void send(HttpServerResponse response, MockResponse reply) {
        response.setStatusCode(reply.code());
        reply.getHeaders().toMultimap().forEach((name, values) -> response.headers().add(name, values));
        if (reply.getBody() != null && reply.getBody().size() > 0) {
            response.end(Buffer.buffer(reply.getBody().getBytes()));
        } else {
            response.end();
        }
    }
}
