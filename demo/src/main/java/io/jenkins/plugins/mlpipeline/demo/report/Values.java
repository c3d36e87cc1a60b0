package io.jenkins.plugins.mlpipeline.demo.report;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the loosely typed maps mlTrain returns without trusting them: a missing key, a {@code null} or a value of an
 * unexpected type reads as absent instead of throwing, and any value can be shown as bounded text.
 */
final class Values {

    /** Shown for an absent value. */
    static final String NONE = "\u2014";

    /** Longest text shown for one value; a whole {@code result.json} blob would drown the page. */
    static final int MAX_TEXT = 2000;

    /** Nested maps and lists are shown to this depth (also stops a map that contains itself). */
    private static final int MAX_DEPTH = 8;

    private Values() {
    }

    static String orNone(String value) {
        return value == null ? NONE : value;
    }

    /** {@code map.get(key)} as a map with string keys, or an empty map. */
    static Map<String, Object> map(Object map, String key) {
        return asMap(get(map, key));
    }

    static Map<String, Object> asMap(Object value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        return copy;
    }

    /** {@code map.get(key)} as a list (a collection or an array), or an empty list. */
    static List<Object> list(Object map, String key) {
        return asList(get(map, key));
    }

    static List<Object> asList(Object value) {
        List<Object> list = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            list.addAll(collection);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
        }
        return list;
    }

    /** {@code map.get(key)} as text (cut at {@link #MAX_TEXT} characters), or {@code null} when absent or blank. */
    static String string(Object map, String key) {
        Object value = get(map, key);
        if (value == null || value instanceof Map || value instanceof Collection || value.getClass().isArray()) {
            return null;
        }
        String text = value instanceof Number number ? Formats.number(number) : value.toString();
        return text.isBlank() ? null : cut(text);
    }

    /** {@code map.get(key)} as a number (a {@link Number} or a numeric string), or {@code null}. */
    static Double number(Object map, String key) {
        return asNumber(get(map, key));
    }

    static Double asNumber(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof CharSequence text) {
            try {
                return Double.parseDouble(text.toString().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** True only for {@code Boolean.TRUE} or the string {@code true}. */
    static boolean isTrue(Object map, String key) {
        Object value = get(map, key);
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static Object get(Object map, String key) {
        return map instanceof Map<?, ?> m ? m.get(key) : null;
    }

    /**
     * Any value as one line of text: strings as they are, numbers formatted, maps and lists in a JSON-like form
     * (strings quoted inside them), {@code null} as {@link #NONE}; cut at {@link #MAX_TEXT} characters.
     */
    static String display(Object value) {
        StringBuilder text = new StringBuilder();
        if (value instanceof CharSequence || value instanceof Character) {
            text.append(value);
        } else {
            append(text, value, 0);
        }
        return cut(text.toString());
    }

    private static void append(StringBuilder text, Object value, int depth) {
        if (text.length() > MAX_TEXT) {
            return;
        }
        if (value == null) {
            text.append(depth == 0 ? NONE : "null");
        } else if (value instanceof Number number) {
            text.append(Formats.number(number));
        } else if (value instanceof CharSequence || value instanceof Character) {
            text.append('"').append(value).append('"');
        } else if (value instanceof Map<?, ?> map) {
            if (depth >= MAX_DEPTH) {
                text.append("{\u2026}");
                return;
            }
            text.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                text.append(separator).append(entry.getKey()).append(": ");
                append(text, entry.getValue(), depth + 1);
                separator = ", ";
            }
            text.append('}');
        } else if (value instanceof Collection || value.getClass().isArray()) {
            if (depth >= MAX_DEPTH) {
                text.append("[\u2026]");
                return;
            }
            text.append('[');
            String separator = "";
            for (Object item : asList(value)) {
                text.append(separator);
                append(text, item, depth + 1);
                separator = ", ";
            }
            text.append(']');
        } else {
            text.append(value);
        }
    }

    /** {@code text} cut to {@link #MAX_TEXT} characters, saying that it was cut. */
    static String cut(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026 (cut at " + MAX_TEXT + " characters)";
    }
}
