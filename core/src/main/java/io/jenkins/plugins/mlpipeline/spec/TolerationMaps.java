package io.jenkins.plugins.mlpipeline.spec;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns tolerations written as plain maps (what a Jenkinsfile can pass:
 * {@code [key: 'gpu', operator: 'Exists', effect: 'NoSchedule']}) into fabric8 {@link Toleration}s. Only the shape
 * is checked here (known keys, value types); {@link TrainingSpec.Builder#build()} checks the values.
 */
public final class TolerationMaps {

    private static final Set<String> KEYS = Set.of("key", "operator", "value", "effect", "tolerationSeconds");
    private static final String ALLOWED = "key, operator, value, effect, tolerationSeconds";

    private TolerationMaps() {
    }

    /**
     * @param maps tolerations as maps; {@code null} means none
     * @throws SpecValidationException naming every bad entry, e.g. {@code tolerations[1].efect}
     */
    public static List<Toleration> fromMaps(List<?> maps) {
        List<Toleration> tolerations = new ArrayList<>();
        if (maps == null) {
            return tolerations;
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            String field = "tolerations[" + i + "]";
            Object item = maps.get(i);
            if (!(item instanceof Map)) {
                problems.add(field + ": must be a map such as [key: 'gpu', operator: 'Exists', effect: 'NoSchedule'],"
                        + " got " + (item == null ? "null" : item.getClass().getSimpleName()));
                continue;
            }
            TolerationBuilder toleration = new TolerationBuilder();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) item).entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                if (!KEYS.contains(key)) {
                    problems.add(field + "." + key + ": unknown key; allowed keys are " + ALLOWED);
                } else if (key.equals("tolerationSeconds")) {
                    Long seconds = seconds(value);
                    if (seconds == null && value != null) {
                        problems.add(field + ".tolerationSeconds: must be a whole number of seconds, got '" + value
                                + "'");
                    }
                    toleration.withTolerationSeconds(seconds);
                } else {
                    String text = value == null ? null : value.toString();
                    switch (key) {
                        case "key" -> toleration.withKey(text);
                        case "operator" -> toleration.withOperator(text);
                        case "value" -> toleration.withValue(text);
                        default -> toleration.withEffect(text);
                    }
                }
            }
            tolerations.add(toleration.build());
        }
        if (!problems.isEmpty()) {
            throw new SpecValidationException(problems);
        }
        return tolerations;
    }

    private static Long seconds(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value != null && value.toString().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.toString());
        }
        return null;
    }
}
