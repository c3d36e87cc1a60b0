package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Typed access to the objects the API server stores, for the simulation and for the server's own request handling.
 *
 * <p>All writes, whether a client's request or a controller's update, run under one lock: the stock CRUD code reads
 * its map without synchronisation while replaying a watch, and our read-modify-write updates must not interleave
 * with a client's write to the same object (a real API server gives that through resourceVersion conflicts; here
 * the lock makes the simulation's updates atomic instead).
 */
public final class ObjectStore {

    private final IndexedCrudDispatcher crud;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Consumer<IndexedCrudDispatcher.ChangedObject>> listeners = new CopyOnWriteArrayList<>();

    public ObjectStore(IndexedCrudDispatcher crud, Clock clock) {
        this.crud = crud;
        this.clock = clock;
        crud.onChange(change -> listeners.forEach(listener -> listener.accept(change)));
    }

    /** Called after every stored change, under the write lock: listeners must only hand the news on. */
    public void addListener(Consumer<IndexedCrudDispatcher.ChangedObject> listener) {
        listeners.add(listener);
    }

    public Clock clock() {
        return clock;
    }

    public <T extends HasMetadata> T get(ResourceKind<T> kind, String namespace, String name) {
        String json = crud.find(kind.key(namespace, name));
        return json == null ? null : Serialization.unmarshal(json, kind.type());
    }

    /** Objects of a kind in creation order; every namespace when {@code namespace} is null. */
    public <T extends HasMetadata> List<T> list(ResourceKind<T> kind, String namespace) {
        List<T> objects = new ArrayList<>();
        for (ObjectKey key : crud.keys(kind.group(), kind.plural(), kind.namespaced() ? namespace : null)) {
            String json = crud.find(key);
            if (json != null) {
                objects.add(Serialization.unmarshal(json, kind.type()));
            }
        }
        return objects;
    }

    /** Runs a write (or a read-decide-write sequence) atomically with respect to every other write. */
    public <R> R locked(Supplier<R> action) {
        writeLock.lock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Creates an object the way the API server does: fills uid, creationTimestamp, resourceVersion and generation.
     * The name must be set. Returns the stored object, or {@code null} when the name is taken.
     */
    public <T extends HasMetadata> T create(ResourceKind<T> kind, T object) {
        return locked(() -> {
            ObjectMeta meta = object.getMetadata();
            ObjectKey key = kind.key(meta.getNamespace(), meta.getName());
            if (crud.find(key) != null) {
                return null;
            }
            if (!kind.namespaced()) {
                meta.setNamespace(null);
            }
            meta.setUid(UUID.randomUUID().toString());
            meta.setCreationTimestamp(Timestamps.seconds(clock.instant()));
            meta.setGeneration(1L);
            meta.setResourceVersion(String.valueOf(crud.requestResourceVersion()));
            crud.write(kind.path(meta.getNamespace(), meta.getName()), key, Serialization.asJson(object));
            return object;
        });
    }

    /**
     * Read-modify-write of one object. Nothing is written when the change leaves the object as it was. Like the real
     * API server, an object with a deletionTimestamp and no finalizers left is removed; a pod only once the kubelet
     * has finished with it (terminal phase, or never bound to a node).
     *
     * @return the new state, or {@code null} when the object does not exist or was removed by this update
     */
    public <T extends HasMetadata> T update(ResourceKind<T> kind, String namespace, String name, Consumer<T> change) {
        return locked(() -> {
            ObjectKey key = kind.key(namespace, name);
            String json = crud.find(key);
            if (json == null) {
                return null;
            }
            T object = Serialization.unmarshal(json, kind.type());
            String before = Serialization.asJson(object);
            change.accept(object);
            if (before.equals(Serialization.asJson(object))) {
                return object;
            }
            String path = kind.path(namespace, name);
            object.getMetadata().setResourceVersion(String.valueOf(crud.requestResourceVersion()));
            crud.write(path, key, Serialization.asJson(object));
            if (removable(object)) {
                // Written first so that the DELETED event carries the final state (e.g. the terminal pod status).
                crud.erase(path, key);
                return null;
            }
            return object;
        });
    }

    /** Removes an object at once (finalizers are the caller's business). */
    public boolean remove(ResourceKind<?> kind, String namespace, String name) {
        return locked(() -> {
            ObjectKey key = kind.key(namespace, name);
            if (crud.find(key) == null) {
                return false;
            }
            crud.erase(kind.path(namespace, name), key);
            return true;
        });
    }

    private static boolean removable(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        if (meta.getDeletionTimestamp() == null || (meta.getFinalizers() != null && !meta.getFinalizers().isEmpty())) {
            return false;
        }
        if (object instanceof Pod pod) {
            return PodPhases.isTerminal(pod) || pod.getSpec() == null || pod.getSpec().getNodeName() == null;
        }
        return true;
    }
}
