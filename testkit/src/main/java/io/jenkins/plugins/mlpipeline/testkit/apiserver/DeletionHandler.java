package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DELETE requests on Pods and Jobs (the stock mock ignores DeleteOptions). Reads propagationPolicy, the legacy
 * orphanDependents, gracePeriodSeconds and preconditions from the body or the query, like the real server.
 */
final class DeletionHandler {

    private final ObjectStore store;
    private final IndexedCrudDispatcher crud;
    private final Deletions deletions;

    DeletionHandler(ObjectStore store, IndexedCrudDispatcher crud, Deletions deletions) {
        this.store = store;
        this.crud = crud;
        this.deletions = deletions;
    }

    MockResponse handle(RecordedRequest request, RequestPath path) {
        DeleteOptions options;
        Deletions.Propagation propagation;
        try {
            options = options(request, path);
            propagation = propagation(options, path);
        } catch (IllegalArgumentException e) {
            return Statuses.badRequest(e.getMessage());
        }
        if (path.name() != null) {
            return deleteOne(path, path.name(), options, propagation);
        }
        // deletecollection: the same per-object semantics for every object the selectors match.
        MockResponse listed = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET,
                request.getPath(), Headers.builder().build(), new Buffer()));
        GenericKubernetesResourceList list = Serialization.unmarshal(listed.getBody().readUtf8(),
                GenericKubernetesResourceList.class);
        List<String> deleted = new ArrayList<>();
        for (GenericKubernetesResource item : list.getItems()) {
            MockResponse one = deleteOne(path, item.getMetadata().getName(), options, propagation);
            if (one.code() == 200) {
                deleted.add(one.getBody().readUtf8());
            }
        }
        return Statuses.json(200, "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{},\"items\":["
                + String.join(",", deleted) + "]}");
    }

    private MockResponse deleteOne(RequestPath path, String name, DeleteOptions options,
            Deletions.Propagation propagation) {
        return store.locked(() -> {
            ResourceKind<?> kind = path.is(ResourceKind.PODS) ? ResourceKind.PODS : ResourceKind.JOBS;
            HasMetadata current = store.get(kind, path.namespace(), name);
            if (current == null) {
                return Statuses.notFound(path.plural(), name);
            }
            String conflict = preconditionConflict(options.getPreconditions(), current);
            if (conflict != null) {
                return Statuses.conflict(conflict);
            }
            HasMetadata result = kind == ResourceKind.PODS
                    ? deletions.deletePod(path.namespace(), name, options.getGracePeriodSeconds())
                    : deletions.deleteJob(path.namespace(), name, propagation);
            return Statuses.json(200, Serialization.asJson(result));
        });
    }

    private static String preconditionConflict(Preconditions preconditions, HasMetadata current) {
        if (preconditions == null) {
            return null;
        }
        String uid = current.getMetadata().getUid();
        if (preconditions.getUid() != null && !preconditions.getUid().equals(uid)) {
            return "Precondition failed: UID in precondition: " + preconditions.getUid()
                    + ", UID in object meta: " + uid;
        }
        String version = current.getMetadata().getResourceVersion();
        if (preconditions.getResourceVersion() != null && !preconditions.getResourceVersion().equals(version)) {
            return "Precondition failed: ResourceVersion in precondition: " + preconditions.getResourceVersion()
                    + ", ResourceVersion in object meta: " + version;
        }
        return null;
    }

    private static DeleteOptions options(RecordedRequest request, RequestPath path) {
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        DeleteOptions options = body.isBlank() ? new DeleteOptions() : Serialization.unmarshal(body,
                DeleteOptions.class);
        if (options.getPropagationPolicy() == null && path.param("propagationPolicy") != null) {
            options.setPropagationPolicy(path.param("propagationPolicy"));
        }
        if (options.getGracePeriodSeconds() == null && path.param("gracePeriodSeconds") != null) {
            try {
                options.setGracePeriodSeconds(Long.parseLong(path.param("gracePeriodSeconds")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gracePeriodSeconds: Invalid value: \""
                        + path.param("gracePeriodSeconds") + "\": must be an integer");
            }
        }
        return options;
    }

    /** batch/v1 Jobs default to orphaning their pods (k8s pkg/registry/batch/job/strategy.go). */
    private static Deletions.Propagation propagation(DeleteOptions options, RequestPath path) {
        Deletions.Propagation explicit = Deletions.Propagation.parse(options.getPropagationPolicy());
        if (explicit != null) {
            return explicit;
        }
        if (options.getOrphanDependents() != null) {
            return options.getOrphanDependents() ? Deletions.Propagation.ORPHAN : Deletions.Propagation.BACKGROUND;
        }
        return path.is(ResourceKind.JOBS) ? Deletions.Propagation.ORPHAN : Deletions.Propagation.BACKGROUND;
    }
}
