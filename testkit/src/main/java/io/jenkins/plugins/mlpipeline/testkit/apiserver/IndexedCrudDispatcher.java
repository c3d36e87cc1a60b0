package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's CRUD dispatcher with an index by object identity.
 *
 * <p>Why: the stock dispatcher finds an object by scanning every stored object and matching attribute sets, so each
 * GET/PUT/PATCH costs O(all objects). With thousands of Jobs, Pods and Events that makes the emulator unusable for the
 * benchmarks. The index turns lookups by name into hash lookups; everything else (lists with selectors, watches,
 * patch semantics) stays the stock behaviour.
 *
 * <p>It also lets the simulation write objects in-process ({@link #write}, {@link #erase}), which still fires the
 * stock watch events, and reports every change to one {@link Consumer} so that the simulation learns about client
 * writes without an HTTP informer. Callers must hold the {@link ObjectStore} write lock for every write.
 */
public class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final Logger LOG = Logger.getLogger(IndexedCrudDispatcher.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<ObjectKey, AttributeSet> index = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Long> creationOrder = new ConcurrentHashMap<>();
    private final AtomicLong creationSequence = new AtomicLong();
    private final AtomicLong latestResourceVersion = new AtomicLong();
    private final KubernetesResponseComposer listComposer = new KubernetesResponseComposer();
    private volatile Consumer<ChangedObject> changeListener = change -> { };

    /** What changed: the key and, for removals, the last stored state. */
    public record ChangedObject(ObjectKey key, boolean removed, String lastJson) {
    }

    void onChange(Consumer<ChangedObject> listener) {
        this.changeListener = listener;
    }

    /** The stored JSON of an object, or {@code null}. */
    public String find(ObjectKey key) {
        AttributeSet attributes = index.get(key);
        return attributes == null ? null : map.get(attributes);
    }

    /** Keys of every stored object of the given group and plural (any namespace when {@code namespace} is null). */
    public List<ObjectKey> keys(String group, String plural, String namespace) {
        List<ObjectKey> keys = new ArrayList<>();
        for (ObjectKey key : index.keySet()) {
            if (key.group().equals(group) && key.plural().equals(plural)
                    && (namespace == null || key.namespace().equals(namespace))) {
                keys.add(key);
            }
        }
        keys.sort((a, b) -> Long.compare(creationOrder.getOrDefault(a, 0L), creationOrder.getOrDefault(b, 0L)));
        return keys;
    }

    /** Latest resourceVersion handed out (lists report it, like a real API server). */
    public long latestResourceVersion() {
        return latestResourceVersion.get();
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        latestResourceVersion.accumulateAndGet(version, Math::max);
        return version;
    }

    /** Stores (creates or replaces) an object; its JSON must already carry the final metadata. */
    void write(String path, ObjectKey key, String json) {
        GenericKubernetesResource parsed = Serialization.unmarshal(json, GenericKubernetesResource.class);
        processEvent(path, getKey(path), index.get(key), parsed, json);
    }

    /** Removes an object, sending the DELETED watch event. */
    void erase(String path, ObjectKey key) {
        AttributeSet attributes = index.get(key);
        if (attributes != null) {
            processEvent(path, getKey(path), attributes, null, null);
        }
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        GenericKubernetesResource parsed = resource;
        if (parsed == null && newState != null) {
            // Parse once here and hand the object on, so that the stock code does not parse it a second time.
            parsed = Serialization.unmarshal(newState, GenericKubernetesResource.class);
        }
        AttributeSet newAttributes = newState == null ? null : attributesOf(pathAttributes, parsed);
        String lastJson = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, parsed, newState);
        ObjectKey oldKey = oldAttributes == null ? null : ObjectKey.of(oldAttributes);
        ObjectKey newKey = newAttributes == null ? null : ObjectKey.of(newAttributes);
        if (oldKey != null && !oldKey.equals(newKey)) {
            index.remove(oldKey);
            creationOrder.remove(oldKey);
        }
        if (newKey != null) {
            if (!map.containsKey(newAttributes)) {
                // Never expected: our attribute derivation must equal the stock one.
                LOG.log(Level.WARNING, "index out of step with the CRUD store for {0}", newKey);
            }
            index.put(newKey, newAttributes);
            creationOrder.computeIfAbsent(newKey, k -> creationSequence.incrementAndGet());
        }
        ObjectKey changed = newKey != null ? newKey : oldKey;
        if (changed != null) {
            changeListener.accept(new ChangedObject(changed, newKey == null, lastJson));
        }
    }

    private AttributeSet attributesOf(AttributeSet pathAttributes, GenericKubernetesResource resource) {
        // Same derivation as the stock processEvent, so that the index key equals the stored map key.
        AttributeSet attributes = ((KubernetesAttributesExtractor) attributeExtractor).extract(resource);
        if (!attributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            attributes = AttributeSet.merge(pathAttributes, attributes);
        }
        return attributes;
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        ObjectKey key = ObjectKey.of(query);
        if (key == null) {
            return super.findResource(query);
        }
        AttributeSet attributes = index.get(key);
        if (attributes == null || !attributes.matches(query)) {
            return null;
        }
        String json = map.get(attributes);
        return json == null ? null : new AbstractMap.SimpleImmutableEntry<>(attributes, json);
    }

    @Override
    public MockResponse handleGet(String path) {
        RequestPath request = RequestPath.parse(path);
        if (request == null || request.isWatch() || request.subresource() != null) {
            return super.handleGet(path);
        }
        if (request.name() != null) {
            String json = find(request.key());
            if (json == null) {
                return Statuses.notFound(request.plural(), request.name());
            }
            return new MockResponse().setResponseCode(200).setBody(json);
        }
        String byName = request.fieldSelectorName();
        if (byName != null) {
            // Clients (fabric8 getLog/watchLog, waits) list with fieldSelector=metadata.name=<n>: answer by index.
            List<String> items = new ArrayList<>();
            String json = find(new ObjectKey(request.group(), request.plural(),
                    request.namespace() == null ? "" : request.namespace(), byName));
            if (json != null) {
                items.add(json);
            }
            return new MockResponse().setResponseCode(200)
                    .setBody(listComposer.compose(items, String.valueOf(latestResourceVersion())));
        }
        if (request.param("fieldSelector") != null && FieldSelector.handles(request.plural())) {
            return filteredList(path, request);
        }
        return super.handleGet(path);
    }

    /** Lists with the label selector by the stock code, then applies the field selector ourselves. */
    private MockResponse filteredList(String path, RequestPath request) {
        FieldSelector selector;
        try {
            selector = FieldSelector.parse(request.plural(), request.param("fieldSelector"));
        } catch (IllegalArgumentException e) {
            return Statuses.badRequest(e.getMessage());
        }
        String withoutFieldSelector = path.replaceAll("([?&])fieldSelector=[^&]*&?", "$1")
                .replaceAll("[?&]$", "");
        MockResponse all = super.handleGet(withoutFieldSelector);
        List<String> items = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(all.getBody().readUtf8());
            for (JsonNode item : list.path("items")) {
                if (selector.matches(request.plural(), item)) {
                    items.add(item.toString());
                }
            }
        } catch (JsonProcessingException e) {
            return Statuses.internalError("could not read the stored list: " + e.getMessage());
        }
        return new MockResponse().setResponseCode(200)
                .setBody(listComposer.compose(items, String.valueOf(latestResourceVersion())));
    }

    @Override
    public void reset() {
        super.reset();
        index.clear();
        creationOrder.clear();
    }
}
