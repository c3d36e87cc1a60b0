package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Timestamps;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * core/v1 Events as client-go's legacy recorder writes them (staging/src/k8s.io/client-go/tools/record): named
 * {@code <object>.<hex unix nanos>}, with source and reporting component, and repeats of an identical event
 * (same source, object, type, reason and message) folded into one Event with {@code count + 1} and a new
 * {@code lastTimestamp}. Runs on the simulation loop only.
 */
final class EventRecorder {

    /** Who records: {@code job-controller}, {@code default-scheduler}, or {@code kubelet} with its node as host. */
    record Source(String component, String host) {
        static final Source JOB_CONTROLLER = new Source("job-controller", null);
        static final Source SCHEDULER = new Source("default-scheduler", null);

        static Source kubelet(String node) {
            return new Source("kubelet", node);
        }
    }

    private final ObjectStore store;
    private final Map<String, String> existing = new HashMap<>();
    private long lastNanos;

    EventRecorder(ObjectStore store) {
        this.store = store;
    }

    void normal(Source source, HasMetadata object, String fieldPath, String reason, String message) {
        record(source, object, fieldPath, "Normal", reason, message);
    }

    void warning(Source source, HasMetadata object, String fieldPath, String reason, String message) {
        record(source, object, fieldPath, "Warning", reason, message);
    }

    private void record(Source source, HasMetadata object, String fieldPath, String type, String reason,
            String message) {
        String namespace = object.getMetadata().getNamespace() == null ? "default"
                : object.getMetadata().getNamespace();
        String aggregationKey = String.join("\u0000", source.component(), String.valueOf(source.host()),
                object.getMetadata().getUid(), String.valueOf(fieldPath), type, reason, message);
        Instant now = store.clock().instant();
        String timestamp = Timestamps.seconds(now);
        String name = existing.get(aggregationKey);
        if (name != null && store.update(ResourceKind.EVENTS, namespace, name, event -> {
            event.setCount(event.getCount() == null ? 2 : event.getCount() + 1);
            event.setLastTimestamp(timestamp);
        }) != null) {
            return;
        }
        name = object.getMetadata().getName() + "." + Long.toHexString(uniqueNanos(now));
        Event event = new Event();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        event.setMetadata(meta);
        event.setApiVersion("v1");
        event.setKind("Event");
        ObjectReference involved = new ObjectReference();
        involved.setApiVersion(object.getApiVersion());
        involved.setKind(object.getKind());
        involved.setName(object.getMetadata().getName());
        involved.setNamespace(object.getMetadata().getNamespace());
        involved.setUid(object.getMetadata().getUid());
        involved.setResourceVersion(object.getMetadata().getResourceVersion());
        involved.setFieldPath(fieldPath);
        event.setInvolvedObject(involved);
        event.setType(type);
        event.setReason(reason);
        event.setMessage(message);
        event.setSource(new EventSource(source.component(), source.host()));
        event.setReportingComponent(source.component());
        event.setReportingInstance(source.host() == null ? "" : source.host());
        event.setCount(1);
        event.setFirstTimestamp(timestamp);
        event.setLastTimestamp(timestamp);
        if (store.create(ResourceKind.EVENTS, event) != null) {
            existing.put(aggregationKey, name);
        }
    }

    private long uniqueNanos(Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        lastNanos = Math.max(nanos, lastNanos + 1);
        return lastNanos;
    }
}
