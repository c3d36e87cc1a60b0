package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * A Kubernetes resource type the emulator stores and simulates, with what is needed to build its REST path.
 *
 * @param <T> the fabric8 model class
 */
public final class ResourceKind<T extends HasMetadata> {

    public static final ResourceKind<Pod> PODS = new ResourceKind<>("", "v1", "pods", Pod.class, true);
    public static final ResourceKind<Job> JOBS = new ResourceKind<>("batch", "v1", "jobs", Job.class, true);
    public static final ResourceKind<Event> EVENTS = new ResourceKind<>("", "v1", "events", Event.class, true);
    public static final ResourceKind<Node> NODES = new ResourceKind<>("", "v1", "nodes", Node.class, false);
    public static final ResourceKind<Namespace> NAMESPACES =
            new ResourceKind<>("", "v1", "namespaces", Namespace.class, false);

    private final String group;
    private final String version;
    private final String plural;
    private final Class<T> type;
    private final boolean namespaced;

    private ResourceKind(String group, String version, String plural, Class<T> type, boolean namespaced) {
        this.group = group;
        this.version = version;
        this.plural = plural;
        this.type = type;
        this.namespaced = namespaced;
    }

    public String group() {
        return group;
    }

    public String plural() {
        return plural;
    }

    public Class<T> type() {
        return type;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** The key of one object of this kind; {@code namespace} is ignored for cluster-scoped kinds. */
    public ObjectKey key(String namespace, String name) {
        return new ObjectKey(group, plural, namespaced ? namespace : "", name);
    }

    /** REST path of the collection ({@code name == null}) or of one object. */
    public String path(String namespace, String name) {
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespaced) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(plural);
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    public boolean matches(ObjectKey key) {
        return key.group().equals(group) && key.plural().equals(plural);
    }

    @Override
    public String toString() {
        return plural;
    }
}
