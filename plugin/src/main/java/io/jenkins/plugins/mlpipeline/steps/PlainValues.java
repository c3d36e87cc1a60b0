package io.jenkins.plugins.mlpipeline.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies what a Jenkinsfile passes into plain Java values. Groovy hands over {@code GString}s where a script used
 * interpolation ({@code "lr-${x}"}), even as map keys and inside {@code Map<String, String>}, so a value declared
 * as String may not be one: every {@link CharSequence} becomes a {@link String}, maps and lists are copied
 * recursively (which also makes them serializable and detached from the script).
 */
final class PlainValues {

    private PlainValues() {
    }

    static Object plain(Object value) {
        if (value instanceof CharSequence && !(value instanceof String)) {
            return value.toString();
        }
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                copy.put(e.getKey() == null ? null : e.getKey().toString(), plain(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(plain(item));
            }
            return copy;
        }
        return value;
    }

    /** A map of strings; values that are not text are written as text ({@code 4} for a GPU count). */
    static Map<String, String> strings(String field, Map<?, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(field + ": keys must not be null");
            }
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                throw new IllegalArgumentException(field + "." + e.getKey() + ": must be a single value, not a "
                        + (v instanceof Map ? "map" : "list"));
            }
            copy.put(e.getKey().toString(), v == null ? null : v.toString());
        }
        return copy;
    }

    /** A list of strings; numbers and booleans are written as text. */
    static List<String> strings(String field, List<?> list) {
        if (list == null) {
            return null;
        }
        List<String> copy = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map || item instanceof List) {
                throw new IllegalArgumentException(field + "[" + copy.size() + "]: must be a single value, not a "
                        + (item instanceof Map ? "map" : "list"));
            }
            copy.add(item == null ? null : item.toString());
        }
        return copy;
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
