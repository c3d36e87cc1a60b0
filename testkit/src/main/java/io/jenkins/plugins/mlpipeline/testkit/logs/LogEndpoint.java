package io.jenkins.plugins.mlpipeline.testkit.logs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.PodSpecDefaults;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.RequestPath;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Statuses;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.VertxReplies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{pod}/log}, served from the simulated container runtime with the real
 * API server's errors (k8s pkg/registry/core/pod/strategy.go, pkg/kubelet/kubelet_pods.go
 * {@code validateContainerLogStatus}) and the kubelet's streaming (pkg/kubelet/kuberuntime/logs/logs.go).
 */
public final class LogEndpoint {

    private final ObjectStore store;
    private final ContainerLogs logs;
    private final Clock clock;
    private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();

    public LogEndpoint(ObjectStore store, ContainerLogs logs, Clock clock) {
        this.store = store;
        this.logs = logs;
        this.clock = clock;
    }

    public static boolean isLogRequest(RequestPath path) {
        return path != null && path.is(ResourceKind.PODS) && path.name() != null
                && "log".equals(path.subresource());
    }

    public void handle(HttpServerRequest request, RequestPath path) {
        Pod pod = store.get(ResourceKind.PODS, path.namespace(), path.name());
        if (pod == null) {
            reply(request, Statuses.notFound("pods", path.name()));
            return;
        }
        LogRequest options;
        try {
            options = LogRequest.parse(path, clock.instant());
        } catch (LogRequest.Rejected e) {
            reply(request, e.invalid ? Statuses.invalid("PodLogOptions", path.name(), e.getMessage())
                    : Statuses.badRequest(e.getMessage()));
            return;
        }
        String podName = pod.getMetadata().getName();
        List<String> names = containerNames(pod);
        String container = options.container();
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
            // Not bound to a node: the API server has no kubelet to ask and answers with an empty stream.
            request.response().setStatusCode(200).putHeader("Content-Type", "text/plain").end();
            return;
        }
        ContainerLog log = options.previous() ? logs.findPrevious(pod.getMetadata().getUid(), container)
                : logs.find(pod.getMetadata().getUid(), container);
        if (options.previous() && log == null) {
            reply(request, Statuses.badRequest("previous terminated container \"" + container + "\" in pod \""
                    + podName + "\" not found"));
            return;
        }
        if (log == null) {
            reply(request, Statuses.badRequest(notStartedMessage(pod, container)));
            return;
        }
        if (options.follow()) {
            LogFollower follower = new LogFollower(request, log, options, Vertx.currentContext(), followers::remove);
            followers.add(follower);
            follower.start();
            return;
        }
        StringBuilder body = new StringBuilder();
        for (LogLine line : options.select(log.lines())) {
            body.append(options.render(line));
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        if (options.limitBytes() != null && bytes.length > options.limitBytes()) {
            bytes = Arrays.copyOf(bytes, options.limitBytes().intValue());
        }
        request.response().setStatusCode(200).putHeader("Content-Type", "text/plain").end(Buffer.buffer(bytes));
    }

    /** Closes every open follow stream abruptly. */
    public void dropFollowers() {
        new ArrayList<>(followers).forEach(LogFollower::drop);
    }

    private static List<String> containerNames(Pod pod) {
        List<String> names = new ArrayList<>();
        for (Container container : PodSpecDefaults.allContainers(pod.getSpec())) {
            names.add(container.getName());
        }
        return names;
    }

    private static String notStartedMessage(Pod pod, String container) {
        String prefix = "container \"" + container + "\" in pod \"" + pod.getMetadata().getName() + "\" is ";
        ContainerState state = stateOf(pod, container);
        if (state != null && state.getTerminated() != null) {
            return prefix + "terminated";
        }
        String reason = state != null && state.getWaiting() != null && state.getWaiting().getReason() != null
                ? state.getWaiting().getReason() : "ContainerCreating";
        switch (reason) {
            case "ErrImagePull":
                return prefix + "waiting to start: image can't be pulled";
            case "ImagePullBackOff":
                return prefix + "waiting to start: trying and failing to pull image";
            default:
                return prefix + "waiting to start: " + reason;
        }
    }

    private static ContainerState stateOf(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus status : statuses) {
            if (container.equals(status.getName())) {
                return status.getState();
            }
        }
        return null;
    }

    private static void reply(HttpServerRequest request, MockResponse response) {
        VertxReplies.send(request.response(), response);
    }
}
