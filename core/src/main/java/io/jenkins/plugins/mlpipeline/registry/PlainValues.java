package io.jenkins.plugins.mlpipeline.registry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The free-form values the registry and the run cache store as JSON (metadata, params, inputs, run results):
 * what JSON can represent and a Pipeline script can use. Allowed are strings (any {@link CharSequence} or
 * {@link Character}, so Groovy GStrings work), finite numbers, booleans, {@code null}, lists (any
 * {@link Collection}) and maps with string keys, nested at most {@value #MAX_DEPTH} levels.
 *
 * <p>Copies are normalized (GStrings become Strings, collections become lists, atomics their value) and deeply
 * unmodifiable, so a stored record cannot change behind the registry's back.
 */
public final class PlainValues {

    public static final int MAX_DEPTH = 32;

    static final String ALLOWED = "allowed: strings, finite numbers, booleans, null, lists, and maps with string"
            + " keys";

    private PlainValues() {
    }

    /**
     * A normalized, deeply unmodifiable copy of {@code map}; {@code null} becomes an empty map.
     *
     * @param field names the map in error messages, e.g. {@code metadata}
     * @throws IllegalArgumentException naming the offending entry, e.g. {@code metadata.run.seed}, and what is
     *         allowed
     */
    public static Map<String, Object> copyOf(String field, Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copyOf(field, (Object) map);
        return copy;
    }

    /** Like {@link #copyOf(String, Map)} for any allowed value. */
    public static Object copyOf(String field, Object value) {
        return copy(field, value, 0);
    }

    private static Object copy(String field, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(field + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException(field + " is " + number + "; " + ALLOWED);
            }
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof AtomicInteger || value instanceof AtomicLong) {
            return ((Number) value).longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof CharSequence key)) {
                    throw new IllegalArgumentException(field + " has the key " + entry.getKey()
                            + ", which is not a string; " + ALLOWED);
                }
                String name = key.toString();
                copy.put(name, copy(field + "." + name, entry.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            int index = 0;
            for (Object item : list) {
                copy.add(copy(field + "[" + index++ + "]", item, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(field + " is a " + value.getClass().getName() + "; " + ALLOWED);
    }

    /**
     * Deep copy into plain mutable {@link LinkedHashMap}s and {@link ArrayList}s: what a Pipeline script receives
     * (CPS-serializable, and the script may change it without touching the stored record).
     */
    public static Map<String, Object> mutableCopy(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, mutableValue(value)));
        return copy;
    }

    private static Object mutableValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), mutableValue(item)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(mutableValue(item)));
            return copy;
        }
        return value;
    }
}
