package io.jenkins.plugins.mlpipeline.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads an administrator's pod template. Three shapes are accepted, so a template can be pasted from wherever
 * it was written:
 * <ol>
 *   <li>a whole Pod ({@code kind: Pod}, as in the Kubernetes plugin's pod-template YAML): its {@code metadata}
 *       and {@code spec} are used, anything else (status) is ignored; likewise a {@code kind: PodTemplate}
 *       object, whose {@code template} is used;</li>
 *   <li>a PodTemplateSpec: a mapping whose only keys are {@code metadata} and/or {@code spec} (what sits under
 *       {@code spec.template} of a Job);</li>
 *   <li>a bare PodSpec: any other mapping, read as the pod's {@code spec} ({@code containers},
 *       {@code tolerations}, ...).</li>
 * </ol>
 * Only labels and annotations are taken from the template's metadata: a name, namespace or finalizer has no
 * meaning in a Job's pod template. Unknown fields are refused so a typo does not silently drop a setting.
 */
final class PodTemplateYaml {

    private static final String FIELD = "podTemplateYaml";
    private static final String SHAPES = "a Pod, a PodTemplateSpec (metadata and spec) or a bare PodSpec";
    private static final Set<String> TEMPLATE_KEYS = Set.of("metadata", "spec");
    /**
     * Plain Jackson is enough: the fabric8 model classes carry their own Jackson annotations. fabric8's shared
     * mapper would additionally file values of the wrong type under additionalProperties instead of failing.
     */
    static final ObjectMapper MODEL_MAPPER = new ObjectMapper();

    private PodTemplateYaml() {
    }

    /** The template, or {@code null} after adding at least one problem. */
    static PodTemplateSpec parse(String yaml, List<String> problems) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            problems.add(FIELD + ": is not valid YAML" + describeSyntaxError(e));
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(FIELD + ": is empty; give " + SHAPES);
            return null;
        }
        if (!root.isObject()) {
            problems.add(FIELD + ": must be a YAML mapping (" + SHAPES + "), got a "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
            return null;
        }
        return fromMapping((ObjectNode) root, problems);
    }

    /**
     * SnakeYAML knows where the problem was found and where the construct it was reading began; Jackson's own
     * location and message keep only the latter, which points at the wrong line for an unclosed bracket.
     */
    private static String describeSyntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException yaml = (MarkedYAMLException) e.getCause();
            StringBuilder text = new StringBuilder();
            if (yaml.getProblemMark() != null) {
                text.append(" at ").append(position(yaml.getProblemMark()));
            }
            text.append(": ").append(yaml.getProblem());
            if (yaml.getContext() != null) {
                text.append(" (").append(yaml.getContext());
                if (yaml.getContextMark() != null) {
                    text.append(" that starts at ").append(position(yaml.getContextMark()));
                }
                text.append(')');
            }
            return text.toString();
        }
        JsonLocation where = e.getLocation();
        String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return position + ": " + firstLine(e.getOriginalMessage());
    }

    /** SnakeYAML counts from 0; editors and users count from 1. */
    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static PodTemplateSpec fromMapping(ObjectNode root, List<String> problems) {
        if (root.has("kind")) {
            String kind = root.get("kind").asText();
            if (kind.equals("Pod")) {
                ObjectNode template = root.objectNode();
                copyIfPresent(root, template, "metadata");
                copyIfPresent(root, template, "spec");
                return readTemplate(template, "", problems);
            }
            if (kind.equals("PodTemplate") && root.path("template").isObject()) {
                return readTemplate((ObjectNode) root.get("template"), "template", problems);
            }
            problems.add(FIELD + ": kind '" + kind + "' is not supported; give " + SHAPES
                    + " (a PodTemplate needs a 'template' mapping)");
            return null;
        }
        if (isTemplateShaped(root)) {
            return readTemplate(root, "", problems);
        }
        PodSpec spec = convert(root, PodSpec.class, "", problems);
        if (spec == null) {
            return null;
        }
        return rejectUnknown(UnknownModelFields.find(spec, ""),
                new PodTemplateSpecBuilder().withSpec(spec).build(), problems);
    }

    private static boolean isTemplateShaped(ObjectNode root) {
        if (root.isEmpty()) {
            return false;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!TEMPLATE_KEYS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    /** {@code path} is where the template sits in the document, for messages. */
    private static PodTemplateSpec readTemplate(ObjectNode template, String path, List<String> problems) {
        PodTemplateSpec parsed = convert(template, PodTemplateSpec.class, path, problems);
        if (parsed == null) {
            return null;
        }
        return rejectUnknown(UnknownModelFields.find(parsed, path), keepLabelsAndAnnotations(parsed), problems);
    }

    private static PodTemplateSpec rejectUnknown(List<String> unknown, PodTemplateSpec template,
            List<String> problems) {
        for (String path : unknown) {
            problems.add(FIELD + ": unknown field '" + path + "'; check its spelling against the Kubernetes Pod API"
                    + " (field names are case-sensitive)");
        }
        return unknown.isEmpty() ? template : null;
    }

    private static PodTemplateSpec keepLabelsAndAnnotations(PodTemplateSpec parsed) {
        ObjectMeta metadata = parsed.getMetadata();
        PodTemplateSpecBuilder kept = new PodTemplateSpecBuilder().withSpec(parsed.getSpec());
        if (metadata != null) {
            kept.withNewMetadata()
                    .withLabels(metadata.getLabels())
                    .withAnnotations(metadata.getAnnotations())
                    .endMetadata();
        }
        return kept.build();
    }

    private static <T> T convert(JsonNode node, Class<T> type, String path, List<String> problems) {
        try {
            return MODEL_MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String where = join(path, pathOf(e));
            problems.add(FIELD + ": does not match the Kubernetes Pod API" + (where.isEmpty() ? "" : " at '" + where
                    + "'") + ": " + firstLine(e.getOriginalMessage()));
            return null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(FIELD + ": does not match the Kubernetes Pod API: " + firstLine(e.getMessage()));
            return null;
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            } else if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            }
        }
        return path.toString();
    }

    private static String join(String path, String name) {
        if (path.isEmpty() || name.isEmpty()) {
            return path + name;
        }
        return path + "." + name;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void copyIfPresent(ObjectNode from, ObjectNode to, String key) {
        if (from.has(key)) {
            to.set(key, from.get(key));
        }
    }
}
