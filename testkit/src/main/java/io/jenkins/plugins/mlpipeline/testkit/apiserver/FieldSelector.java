package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field selectors on lists of Pods, Events and Jobs. The stock mock only knows {@code metadata.name} and
 * {@code metadata.namespace} and silently matches nothing for any other field; the real API server supports a
 * fixed set per kind (k8s pkg/registry/core/pod/strategy.go, core/event/strategy.go, batch/job/strategy.go
 * {@code ...ToSelectableFields}) and rejects others with 400 "field label not supported".
 */
final class FieldSelector {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> SUPPORTED = Map.of(
            "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "status.phase", "status.podIP", "status.nominatedNodeName"),
            "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "jobs", Set.of("status.successful"));

    private record Requirement(String field, boolean equals, String value) {
    }

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** Whether this emulator filters such lists itself (the stock store cannot). */
    static boolean handles(String plural) {
        return SUPPORTED.containsKey(plural);
    }

    /**
     * @throws IllegalArgumentException with the API server's message for an unsupported field or bad syntax
     */
    static FieldSelector parse(String plural, String selector) {
        List<Requirement> requirements = new ArrayList<>();
        for (String term : selector.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            int notEquals = term.indexOf("!=");
            int equals = term.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + term
                        + "'");
            }
            String field = notEquals > 0 ? term.substring(0, notEquals) : term.substring(0, equals);
            String value = notEquals > 0 ? term.substring(notEquals + 2)
                    : term.startsWith("==", equals) ? term.substring(equals + 2) : term.substring(equals + 1);
            if (!COMMON.contains(field) && !SUPPORTED.getOrDefault(plural, Set.of()).contains(field)) {
                throw new IllegalArgumentException("field label not supported: " + field);
            }
            requirements.add(new Requirement(field, notEquals <= 0, value));
        }
        return new FieldSelector(requirements);
    }

    boolean matches(String plural, JsonNode object) {
        for (Requirement requirement : requirements) {
            String actual = value(plural, object, requirement.field());
            if (requirement.equals() != requirement.value().equals(actual)) {
                return false;
            }
        }
        return true;
    }

    private static String value(String plural, JsonNode object, String field) {
        if (plural.equals("events") && field.equals("source")) {
            return text(object.path("source").path("component"));
        }
        if (plural.equals("jobs") && field.equals("status.successful")) {
            return String.valueOf(object.path("status").path("succeeded").asInt(0));
        }
        JsonNode node = object;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        return text(node);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }
}
