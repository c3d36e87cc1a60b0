package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;

import java.util.Map;
import java.util.Queue;

/**
 * Routes every API request except pod logs: recorded expectations first (as fabric8's KubernetesMixedDispatcher
 * does, so {@code expect()} keeps working, e.g. for exec), then our API-server behaviours for Pods and Jobs
 * (create admission, deletion), then the CRUD store. Writes hold the {@link ObjectStore} lock.
 */
public final class ApiDispatcher extends Dispatcher {

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

    @Override
    public MockResponse dispatch(RecordedRequest request) {
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
            default:
                MockResponse response = store.locked(() -> crud.dispatch(request));
                return response == null ? Statuses.json(405, "{}") : response;
        }
    }

    private boolean hasExpectation(RecordedRequest request) {
        Queue<ServerResponse> byMethod = expectations.get(new SimpleRequest(request.method(), request.getPath()));
        Queue<ServerResponse> anyMethod = expectations.get(new SimpleRequest(request.getPath()));
        return (byMethod != null && !byMethod.isEmpty()) || (anyMethod != null && !anyMethod.isEmpty());
    }

    @Override
    public void shutdown() {
        expectationDispatcher.shutdown();
    }
}
