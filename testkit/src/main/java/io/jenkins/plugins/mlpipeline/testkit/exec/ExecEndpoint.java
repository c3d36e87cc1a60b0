package io.jenkins.plugins.mlpipeline.testkit.exec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodSpecDefaults;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.RequestPath;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Statuses;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.VertxReplies;
import io.jenkins.plugins.mlpipeline.testkit.sim.ContainerRuntime;
import io.jenkins.plugins.mlpipeline.testkit.sim.ExecTarget;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET|POST /api/v1/namespaces/{ns}/pods/{pod}/exec}: the API server's checks (k8s
 * pkg/registry/core/pod/strategy.go {@code streamLocation}), then the kubelet's (remotecommand options,
 * {@code findContainer} among running containers; kubelet_pods.go {@code GetExec}), then a websocket
 * ({@code v4.channel.k8s.io} framing, no compression) on which an {@link ExecSession} runs the command.
 */
public final class ExecEndpoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExecEndpoint.class.getName());

    private final ObjectStore store;
    private final ContainerRuntime runtime;
    private final Set<ExecSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong started = new AtomicLong();
    private final ExecutorService senders;

    public ExecEndpoint(ObjectStore store, ContainerRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
        AtomicInteger threads = new AtomicInteger();
        // Sessions block while the client is slow: each gets a thread of its own, never the event loop.
        this.senders = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "cluster-emulator-exec-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static boolean isExecRequest(HttpMethod method, RequestPath path) {
        return (method == HttpMethod.GET || method == HttpMethod.POST) && path != null
                && path.is(ResourceKind.PODS) && path.name() != null && "exec".equals(path.subresource());
    }

    /** Answers an exec request; runs on the event loop and does not block it. */
    public void handle(HttpServerRequest request, RequestPath path) {
        Pod pod = store.get(ResourceKind.PODS, path.namespace(), path.name());
        if (pod == null) {
            reply(request, Statuses.notFound("pods", path.name()));
            return;
        }
        String podName = pod.getMetadata().getName();
        List<String> names = new ArrayList<>();
        for (Container container : PodSpecDefaults.allContainers(pod.getSpec())) {
            names.add(container.getName());
        }
        String container = path.param("container");
        if (container == null || container.isEmpty()) {
            if (pod.getSpec().getContainers().size() != 1) {
                reply(request, Statuses.badRequest("a container name must be specified for pod " + podName
                        + ", choose one of: [" + String.join(" ", names) + "]"));
                return;
            }
            container = pod.getSpec().getContainers().get(0).getName();
        } else if (!names.contains(container)) {
            reply(request, Statuses.badRequest("container " + container + " is not valid for pod " + podName));
            return;
        }
        if (pod.getSpec().getNodeName() == null) {
            reply(request, Statuses.badRequest("pod " + podName + " does not have a host assigned"));
            return;
        }
        if (!isWebSocketUpgrade(request)) {
            // SPDY upgrades land here too: the emulator speaks the websocket protocol only.
            reply(request, Statuses.badRequest("Upgrade request required"));
            return;
        }
        boolean tty = path.flag("tty");
        boolean stdout = path.flag("stdout");
        boolean stderr = path.flag("stderr") && !tty;
        if (!path.flag("stdin") && !stdout && !stderr) {
            replyText(request, 400, "you must specify at least 1 of stdin, stdout, stderr");
            return;
        }
        Optional<ExecTarget> target = runtime.runningContainer(pod.getMetadata().getUid(), container);
        if (target.isEmpty()) {
            // The kubelet only finds running containers; its plain-text error passes through the API server.
            replyText(request, 500, "container not found (\"" + container + "\")");
            return;
        }
        List<String> command = path.params("command");
        if (command.isEmpty()) {
            replyText(request, 500, "cmd cannot be empty");
            return;
        }
        Context context = Vertx.currentContext();
        request.toWebSocket().onSuccess(socket -> {
            ExecSession session = new ExecSession(socket, request.connection(), context, target.get(), command,
                    stdout, stderr, sessions::remove);
            sessions.add(session);
            started.incrementAndGet();
            senders.execute(session);
        }).onFailure(e -> LOG.log(Level.FINE, "exec websocket upgrade failed for " + path.name(), e));
    }

    /** Exec websockets upgraded by this endpoint so far (answers of {@code expect()} expectations not included). */
    public long sessionCount() {
        return started.get();
    }

    /** Abruptly closes the connection of every exec in progress. */
    public void dropSessions() {
        new ArrayList<>(sessions).forEach(ExecSession::drop);
    }

    @Override
    public void close() {
        dropSessions();
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static void reply(HttpServerRequest request, MockResponse response) {
        VertxReplies.send(request.response(), response);
    }

    private static void replyText(HttpServerRequest request, int code, String text) {
        request.response().setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    }
}
