package io.jenkins.plugins.mlpipeline.track;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

import java.util.stream.Stream;

/**
 * The Events informer's cache, keeping Warning events only. Most events of a namespace are Normal ones
 * (Scheduled, Pulled, Created, Started...) that the tracker never reports; on a real API server a {@code type=Warning}
 * field selector would keep them out, but fabric8's mock server (every test) answers field-selected lists with
 * nothing, so the informer lists everything and this store drops what it does not need.
 *
 * <p>Dropping is safe for the informer: a Normal event that changes is seen as new (and ignored by the handler
 * again), and its deletion finds nothing to remove, so no notification is sent for it.
 */
final class WarningEventStore implements ItemStore<Event> {

    private final ItemStore<Event> warnings;

    WarningEventStore(ItemStore<Event> warnings) {
        this.warnings = warnings;
    }

    @Override
    public String getKey(Event event) {
        return warnings.getKey(event);
    }

    @Override
    public Event put(String key, Event event) {
        return "Warning".equals(event.getType()) ? warnings.put(key, event) : warnings.remove(key);
    }

    @Override
    public Event remove(String key) {
        return warnings.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return warnings.keySet();
    }

    @Override
    public Stream<Event> values() {
        return warnings.values();
    }

    @Override
    public int size() {
        return warnings.size();
    }

    @Override
    public Event get(String key) {
        return warnings.get(key);
    }

    /** Not every object is kept, so the informer must not wait for the initial list to be complete in the store. */
    @Override
    public boolean isFullState() {
        return false;
    }
}
