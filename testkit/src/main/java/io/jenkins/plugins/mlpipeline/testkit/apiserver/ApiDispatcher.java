package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;

/**
 * Routes every API request except pod logs: recorded expectations first (as fabric8's KubernetesMixedDispatcher
 * does, so {@code expect()} keeps working, e.g. for exec), then our API-server behaviours for Pods and Jobs
 * (create admission, deletion), then the CRUD store. Writes hold the {@link ObjectStore} lock.
 */
public final class ApiDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expectationDispatcher;
    private final IndexedCrudDispatcher crud;
    private final ObjectStore store;
    private final Admission admission;
    private final DeletionHandler deletionHandler;
    private final WatchRegistry watches;

    public ApiDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, IndexedCrudDispatcher crud,
            ObjectStore store, Deletions deletions, WatchRegistry watches) {
        this.expectations = expectations;
        this.expectationDispatcher = new MockDispatcher(expectations);
        this.crud = crud;
        this.store = store;
        this.admission = new Admission(store, crud);
        this.deletionHandler = new DeletionHandler(store, crud, deletions);
        this.watches = watches;
    }

    /**
     * Every request gets an answer: an exception in a handler would otherwise leave the client waiting for its request
     * timeout. A JSON patch whose {@code test} operation fails is refused as the real API server refuses it (422).
     */
    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return route(request);
        } catch (JsonPatchException e) {
            return Statuses.invalid("patch", String.valueOf(request.getPath()), "the JSON patch could not be applied: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            return Statuses.internalError("emulated API server failed: " + e);
        }
    }

    private MockResponse route(RecordedRequest request) {
        if (hasExpectation(request)) {
            return expectationDispatcher.dispatch(request);
        }
        RequestPath path = RequestPath.parse(request.getPath());
        boolean podsOrJobs = path != null && (path.is(ResourceKind.PODS) || path.is(ResourceKind.JOBS))
                && path.subresource() == null;
        switch (request.method()) {
            case GET:
                if (path != null && path.isWatch()) {
                    return watches.open(path, () -> crud.dispatch(request));
                }
                return crud.dispatch(request);
            case POST:
                if (podsOrJobs && path.name() == null) {
                    return path.is(ResourceKind.PODS) ? admission.createPod(request)
                            : admission.createJob(request, path.namespace());
                }
                return store.locked(() -> crud.dispatch(request));
            case DELETE:
                if (podsOrJobs) {
                    return deletionHandler.handle(request, path);
                }
                return store.locked(() -> crud.dispatch(request));
            case PUT:
            case PATCH:
                if (podsOrJobs && path.name() != null) {
                    return store.locked(() -> statusPreservingUpdate(request, path));
                }
                return store.locked(() -> crud.dispatch(request));
            default:
                MockResponse response = store.locked(() -> crud.dispatch(request));
                return response == null ? Statuses.json(405, "{}") : response;
        }
    }

    /**
     * Updates of a Pod or Job through the main resource leave its status alone, as the real API server does for
     * kinds with a status subresource (the stock mock would let a client's stale copy overwrite the status that
     * the simulated controllers maintain).
     */
    private MockResponse statusPreservingUpdate(RecordedRequest request, RequestPath path) {
        ResourceKind<?> kind = path.is(ResourceKind.PODS) ? ResourceKind.PODS : ResourceKind.JOBS;
        String before = crud.find(path.key());
        RecordedRequest effective = request;
        if (before != null && request.method() == HttpMethod.PUT) {
            // Replace the status in the body up front, so that nobody ever sees the client's stale copy.
            effective = withStatusOf(request, readTree(before).path("status"));
        }
        MockResponse response = crud.dispatch(effective);
        if (before == null || response == null || response.code() >= 300) {
            return response;
        }
        JsonNode previousStatus = readTree(before).path("status");
        String after = crud.find(path.key());
        if (after != null && !readTree(after).path("status").equals(previousStatus)) {
            store.update(kind, path.namespace(), path.name(), object -> restoreStatus(object, previousStatus));
            String restored = crud.find(path.key());
            return Statuses.json(response.code(), restored == null ? "" : restored);
        }
        return response;
    }

    private static RecordedRequest withStatusOf(RecordedRequest request, JsonNode status) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return request;
        }
        if (!(body instanceof ObjectNode object)) {
            return request;
        }
        if (status.isMissingNode()) {
            object.remove("status");
        } else {
            object.set("status", status);
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders(), new Buffer(object.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void restoreStatus(HasMetadata object, JsonNode status) {
        if (object instanceof Pod pod) {
            pod.setStatus(status.isMissingNode() ? null : Serialization.unmarshal(status.toString(), PodStatus.class));
        } else if (object instanceof Job job) {
            job.setStatus(status.isMissingNode() ? null : Serialization.unmarshal(status.toString(), JobStatus.class));
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored object is not JSON", e);
        }
    }

    private boolean hasExpectation(RecordedRequest request) {
        return hasExpectation(request.method(), request.getPath());
    }

    /** Whether a recorded expectation answers this request (which then never reaches our own endpoints). */
    boolean hasExpectation(HttpMethod method, String uri) {
        Queue<ServerResponse> byMethod = expectations.get(new SimpleRequest(method, uri));
        Queue<ServerResponse> anyMethod = expectations.get(new SimpleRequest(uri));
        return (byMethod != null && !byMethod.isEmpty()) || (anyMethod != null && !anyMethod.isEmpty());
    }

    @Override
    public void shutdown() {
        expectationDispatcher.shutdown();
    }
}
