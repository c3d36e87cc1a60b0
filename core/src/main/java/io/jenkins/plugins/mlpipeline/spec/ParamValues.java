package io.jenkins.plugins.mlpipeline.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deep, unmodifiable copies of param values, taken after validation so the spec is immune to later changes of the
 * caller's lists and maps. Mutable scalars (a StringBuilder, a Groovy GString, an AtomicInteger) are frozen to
 * their current value.
 */
final class ParamValues {

    private ParamValues() {
    }

    static Map<String, Object> immutableCopy(Map<String, ?> params) {
        return copyMap(params);
    }

    private static Object copy(Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof AtomicInteger) {
            return ((AtomicInteger) value).get();
        }
        if (value instanceof AtomicLong) {
            return ((AtomicLong) value).get();
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(copy(item));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map) {
            return copyMap((Map<?, ?>) value);
        }
        return value; // null, Boolean and the remaining Number types are immutable
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(key.toString(), copy(item)));
        return Collections.unmodifiableMap(copy);
    }
}
