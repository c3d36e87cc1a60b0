package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Open watch connections, so that faults can break them, and the deletion history behind "410 Gone".
 *
 * <p>The stock mock replays ADDED for every existing object when a watch is reopened but never tells the client
 * about objects deleted while it was away. A real API server either replays those DELETED events or, when the
 * requested resourceVersion is too old, answers with an ERROR event carrying a 410 Expired Status, after which
 * clients relist. We do the latter whenever an object of the watched kind was deleted after the requested
 * resourceVersion: slightly more relists than a real server, never a lost deletion.
 */
public final class WatchRegistry {

    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_SERVER_ERROR = 1011;

    private final ObjectStore store;
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastDeletion = new ConcurrentHashMap<>();
    private final IndexedCrudDispatcher crud;

    public WatchRegistry(ObjectStore store, IndexedCrudDispatcher crud) {
        this.store = store;
        this.crud = crud;
        store.addListener(change -> {
            if (change.removed()) {
                recordDeletion(change.key());
            }
        });
    }

    /** Remembers that an object was deleted at the current resourceVersion. */
    private void recordDeletion(ObjectKey key) {
        lastDeletion.put(key.group() + "/" + key.plural(), crud.requestResourceVersion());
    }

    /** Opens a watch: either the 410 answer or the stock watch, tracked. */
    public MockResponse open(RequestPath path, Supplier<MockResponse> stockWatch) {
        String requested = path.param("resourceVersion");
        long deletedAt = lastDeletion.getOrDefault(path.group() + "/" + path.plural(), 0L);
        if (isSpecific(requested) && Long.parseLong(requested) < deletedAt) {
            return new MockResponse().withWebSocketUpgrade(new ExpiredWatch(requested, deletedAt));
        }
        MockResponse response = stockWatch.get();
        WebSocketListener listener = response.getWebSocketListener();
        if (listener != null) {
            response.withWebSocketUpgrade(new TrackedWatch(listener));
        }
        return response;
    }

    /** Closes every open watch as a broken connection would end it; clients re-watch from their resourceVersion. */
    public void dropAll() {
        for (WebSocket socket : open) {
            socket.close(CLOSE_SERVER_ERROR, "watch dropped by the emulator");
        }
    }

    /** Sends every open watch an ERROR event with a 410 Expired Status, then closes it; clients relist. */
    public void expireAll() {
        long now = crud.latestResourceVersion();
        for (WebSocket socket : open) {
            socket.send(expiredEvent("1", now));
            socket.close(CLOSE_NORMAL, "");
        }
    }

    private static boolean isSpecific(String resourceVersion) {
        return resourceVersion != null && resourceVersion.matches("[0-9]+") && !resourceVersion.equals("0");
    }

    private static String expiredEvent(String requested, long oldest) {
        return "{\"type\":\"ERROR\",\"object\":" + Serialization.asJson(Statuses.expired(requested, oldest)) + "}";
    }

    /** Answers a too-old watch the way the real server does: one ERROR event, then the end of the stream. */
    private static final class ExpiredWatch extends WebSocketListener {
        private final String requested;
        private final long oldest;

        ExpiredWatch(String requested, long oldest) {
            this.requested = requested;
            this.oldest = oldest;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            webSocket.send(expiredEvent(requested, oldest));
            webSocket.close(CLOSE_NORMAL, "");
        }
    }

    /** Delegates to the stock watch listener and keeps the socket in {@link #open} while it lives. */
    private final class TrackedWatch extends WebSocketListener {
        private final WebSocketListener stock;

        TrackedWatch(WebSocketListener stock) {
            this.stock = stock;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            open.add(webSocket);
            stock.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            // The stock listener replays the current objects here, iterating the CRUD map: no write may interleave.
            store.locked(() -> {
                stock.onOpen(webSocket, response);
                return null;
            });
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            stock.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            stock.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            stock.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            open.remove(webSocket);
            stock.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            open.remove(webSocket);
            stock.onFailure(webSocket, t, response);
        }
    }
}
