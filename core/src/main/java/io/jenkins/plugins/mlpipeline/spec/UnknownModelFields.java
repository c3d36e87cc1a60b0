package io.jenkins.plugins.mlpipeline.spec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a fabric8 model object did not recognise. fabric8 keeps unknown YAML keys in each object's
 * {@code additionalProperties} instead of failing, so a typo such as {@code nodeSelectr} in an admin pod template
 * would otherwise be dropped (or only warned about by the API server) and the pod would run without it.
 */
final class UnknownModelFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownModelFields() {
    }

    /** Paths such as {@code spec.containers[0].imagee}, each relative to {@code path}. */
    static List<String> find(Object model, String path) {
        List<String> found = new ArrayList<>();
        collect(PodTemplateYaml.MODEL_MAPPER, model, path, found);
        return found;
    }

    private static void collect(ObjectMapper mapper, Object value, String path, List<String> found) {
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                collect(mapper, list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (value instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                collect(mapper, entry.getValue(), join(path, String.valueOf(entry.getKey())), found);
            }
            return;
        }
        if (value == null || value instanceof Quantity || value instanceof IntOrString
                || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return; // leaves: scalars, and the two model types that (de)serialize themselves as scalars
        }
        BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(value.getClass()));
        AnnotatedMember anyGetter = bean.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map) {
            for (Object unknownKey : ((Map<?, ?>) anyGetter.getValue(value)).keySet()) {
                found.add(join(path, String.valueOf(unknownKey)));
            }
        }
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.hasGetter()) {
                collect(mapper, property.getGetter().getValue(value), join(path, property.getName()), found);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
