package io.jenkins.plugins.mlpipeline.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mlpipeline.render.PodTemplateMerger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Combines the two pod YAMLs a step can bring: the administrator's pod template (from the Kubernetes plugin,
 * trusted) and the user's own {@code podYaml} (checked by {@link RestrictedPodSecurity} when the administrator asks
 * for it). The user's YAML is laid over the template; the result is what
 * {@link TrainingSpec.Builder#podTemplateYaml(String)} receives, and the spec's own fields are laid over that.
 *
 * <p>Containers, volumes, env, mounts, image pull secrets, tolerations and the node selector are merged as
 * {@link PodTemplateMerger} does (the user's entry wins on the same name). Every other pod or container setting
 * comes from the template when the template sets it, else from the user's YAML: the administrator's choices
 * (security context, priority class, scheduler...) are policy and are not overridden by a Jenkinsfile.
 */
public final class PodYamlLayers {

    private PodYamlLayers() {
    }

    /**
     * @param templateYaml the administrator's pod template YAML, or null/blank
     * @param podYaml      the user's pod YAML, or null/blank
     * @param restricted   whether {@code podYaml} must pass {@link RestrictedPodSecurity}
     * @return one pod template YAML, or null if neither was given
     * @throws SpecValidationException listing every problem, each naming {@code podTemplate} or {@code podYaml}
     */
    public static String combine(String templateYaml, String podYaml, boolean restricted) {
        List<String> problems = new ArrayList<>();
        PodTemplateSpec template = parse("podTemplate", templateYaml, problems);
        PodTemplateSpec user = parse("podYaml", podYaml, problems);
        if (!problems.isEmpty()) {
            throw new SpecValidationException(problems);
        }
        if (user != null && restricted) {
            List<String> violations = RestrictedPodSecurity.violations(user, template);
            if (!violations.isEmpty()) {
                throw new SpecValidationException(violations);
            }
        }
        PodTemplateSpec combined;
        if (template == null) {
            combined = user;
        } else if (user == null) {
            combined = template;
        } else {
            combined = fillUnset(PodTemplateMerger.merge(template, user), user);
        }
        return combined == null ? null : Serialization.asYaml(combined);
    }

    /**
     * The images of every container, init container and ephemeral container of the user's {@code podYaml}: an
     * image allow-list must hold for those too, or a Jenkinsfile could run any image beside the training one.
     * Empty for blank or unparseable YAML ({@link #combine} reports the latter).
     */
    public static List<String> images(String podYaml) {
        PodTemplateSpec user = parse("podYaml", podYaml, new ArrayList<>());
        List<String> images = new ArrayList<>();
        if (user == null || user.getSpec() == null) {
            return images;
        }
        user.getSpec().getContainers().forEach(c -> images.add(c.getImage()));
        user.getSpec().getInitContainers().forEach(c -> images.add(c.getImage()));
        user.getSpec().getEphemeralContainers().forEach(c -> images.add(c.getImage()));
        images.removeIf(java.util.Objects::isNull);
        return images;
    }

    /**
     * {@link PodTemplateMerger} takes pod and container settings it does not merge from the template only; a
     * setting only the user's YAML has would be lost. Copy those over, for the pod and for containers by name.
     */
    private static PodTemplateSpec fillUnset(PodTemplateSpec merged, PodTemplateSpec user) {
        ObjectNode target = Serialization.jsonMapper().valueToTree(merged);
        JsonNode source = Serialization.jsonMapper().valueToTree(user);
        if (source.path("spec").isObject() && target.path("spec").isObject()) {
            ObjectNode spec = (ObjectNode) target.get("spec");
            copyMissingFields(spec, source.get("spec"));
            for (String list : List.of("containers", "initContainers")) {
                if (spec.path(list).isArray() && source.get("spec").path(list).isArray()) {
                    for (JsonNode userContainer : source.get("spec").get(list)) {
                        for (JsonNode container : (ArrayNode) spec.get(list)) {
                            if (container.isObject() && container.path("name").equals(userContainer.path("name"))) {
                                copyMissingFields((ObjectNode) container, userContainer);
                            }
                        }
                    }
                }
            }
        }
        try {
            return Serialization.jsonMapper().treeToValue(target, PodTemplateSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("merged pod template cannot be read back", e);
        }
    }

    private static void copyMissingFields(ObjectNode target, JsonNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing == null || existing.isNull()) {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** Parses one pod YAML in any shape {@link TrainingSpec.Builder#podTemplateYaml} accepts; null if blank. */
    static PodTemplateSpec parse(String field, String yaml, List<String> problems) {
        if (yaml == null || yaml.isBlank()) {
            return null;
        }
        List<String> found = new ArrayList<>();
        PodTemplateSpec parsed = PodTemplateYaml.parse(yaml, found);
        for (String problem : found) {
            // PodTemplateYaml names the spec field; the user wrote this YAML under another name.
            problems.add(problem.startsWith("podTemplateYaml:") ? field + problem.substring("podTemplateYaml".length())
                    : field + ": " + problem);
        }
        return found.isEmpty() ? parsed : null;
    }
}
