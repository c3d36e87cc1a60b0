package io.jenkins.plugins.mlpipeline.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.LocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Lays the pod template rendered from a training spec over an administrator's pod template. The administrator's
 * template supplies defaults and extras (sidecars, security context, priority class...); the spec wins every
 * conflict. The rules, field by field:
 * <ul>
 *   <li>metadata: labels and annotations merged per key; nothing else is taken from the template;</li>
 *   <li>containers merged by name: a template container named like one of the spec's ({@code main}) gives it
 *       defaults, the others are kept as sidecars after the spec's containers;</li>
 *   <li>inside such a container: image, command and args from the spec when it sets them; env merged by name
 *       (template-only variables first, so the spec's can refer to them with {@code $(NAME)}); volume mounts
 *       merged, a spec mount replacing template mounts of the same name or the same mount path (two mounts on one
 *       path would be refused by Kubernetes); resource requests and limits merged per resource; every other
 *       container field (ports, probes, securityContext, workingDir, envFrom...) from the template;</li>
 *   <li>volumes and imagePullSecrets merged by name; tolerations appended without duplicates; nodeSelector merged
 *       per key;</li>
 *   <li>affinity, serviceAccountName and restartPolicy from the spec when it sets them;</li>
 *   <li>every other pod field (securityContext, priorityClassName, runtimeClassName, schedulerName, hostAliases,
 *       dnsConfig, initContainers...) from the template.</li>
 * </ul>
 * Neither argument is modified.
 */
public final class PodTemplateMerger {

    private PodTemplateMerger() {
    }

    public static PodTemplateSpec merge(PodTemplateSpec template, PodTemplateSpec spec) {
        // Deep copies first: fabric8's builders share mutable values (Quantity in resource maps), and the result
        // must not alias either argument.
        PodTemplateSpec base = Serialization.clone(template);
        PodTemplateSpec over = Serialization.clone(spec);
        return new PodTemplateSpecBuilder()
                .withMetadata(mergeMetadata(base.getMetadata(), over.getMetadata()))
                .withSpec(mergePodSpec(base.getSpec(), over.getSpec()))
                .build();
    }

    private static ObjectMeta mergeMetadata(ObjectMeta template, ObjectMeta spec) {
        ObjectMeta base = template == null ? new ObjectMeta() : template;
        ObjectMeta over = spec == null ? new ObjectMeta() : spec;
        return new ObjectMetaBuilder()
                .withLabels(mergeMaps(base.getLabels(), over.getLabels()))
                .withAnnotations(mergeMaps(base.getAnnotations(), over.getAnnotations()))
                .build();
    }

    private static PodSpec mergePodSpec(PodSpec template, PodSpec spec) {
        if (spec == null) {
            return template == null ? null : new PodSpecBuilder(template).build();
        }
        if (template == null) {
            return new PodSpecBuilder(spec).build();
        }
        PodSpecBuilder merged = new PodSpecBuilder(template)
                .withContainers(mergeContainers(orEmpty(template.getContainers()), orEmpty(spec.getContainers())))
                .withVolumes(mergeByKey(orEmpty(template.getVolumes()), orEmpty(spec.getVolumes()), Volume::getName,
                        volume -> new VolumeBuilder(volume).build()))
                .withImagePullSecrets(mergeByKey(orEmpty(template.getImagePullSecrets()),
                        orEmpty(spec.getImagePullSecrets()), LocalObjectReference::getName,
                        secret -> new LocalObjectReferenceBuilder(secret).build()))
                .withTolerations(appendMissing(orEmpty(template.getTolerations()), orEmpty(spec.getTolerations())))
                .withNodeSelector(mergeMaps(template.getNodeSelector(), spec.getNodeSelector()));
        if (spec.getAffinity() != null) {
            merged.withAffinity(spec.getAffinity());
        }
        if (spec.getServiceAccountName() != null) {
            // The deprecated alias would otherwise still name the template's account.
            merged.withServiceAccountName(spec.getServiceAccountName()).withServiceAccount(null);
        }
        if (spec.getRestartPolicy() != null) {
            merged.withRestartPolicy(spec.getRestartPolicy());
        }
        return merged.build();
    }

    /** The spec's containers first (so {@code main} stays the first container), then template-only sidecars. */
    private static List<Container> mergeContainers(List<Container> template, List<Container> spec) {
        Map<String, Container> templateByName = new LinkedHashMap<>();
        template.forEach(container -> templateByName.put(container.getName(), container));
        List<Container> merged = new ArrayList<>();
        for (Container container : spec) {
            Container defaults = templateByName.remove(container.getName());
            merged.add(defaults == null ? new ContainerBuilder(container).build()
                    : mergeContainer(defaults, container));
        }
        templateByName.values().forEach(sidecar -> merged.add(new ContainerBuilder(sidecar).build()));
        return merged;
    }

    static Container mergeContainer(Container template, Container spec) {
        ContainerBuilder merged = new ContainerBuilder(template).withName(spec.getName());
        if (spec.getImage() != null) {
            merged.withImage(spec.getImage());
        }
        if (!orEmpty(spec.getCommand()).isEmpty()) {
            merged.withCommand(spec.getCommand());
        }
        if (!orEmpty(spec.getArgs()).isEmpty()) {
            merged.withArgs(spec.getArgs());
        }
        merged.withEnv(mergeByKey(orEmpty(template.getEnv()), orEmpty(spec.getEnv()), EnvVar::getName,
                env -> new EnvVarBuilder(env).build()));
        merged.withVolumeMounts(mergeMounts(orEmpty(template.getVolumeMounts()), orEmpty(spec.getVolumeMounts())));
        merged.withResources(mergeResources(template.getResources(), spec.getResources()));
        return merged.build();
    }

    private static List<VolumeMount> mergeMounts(List<VolumeMount> template, List<VolumeMount> spec) {
        Set<String> specNames = new HashSet<>();
        Set<String> specPaths = new HashSet<>();
        spec.forEach(mount -> {
            specNames.add(mount.getName());
            specPaths.add(mount.getMountPath());
        });
        List<VolumeMount> merged = new ArrayList<>();
        for (VolumeMount mount : template) {
            if (!specNames.contains(mount.getName()) && !specPaths.contains(mount.getMountPath())) {
                merged.add(new VolumeMountBuilder(mount).build());
            }
        }
        spec.forEach(mount -> merged.add(new VolumeMountBuilder(mount).build()));
        return merged;
    }

    private static ResourceRequirements mergeResources(ResourceRequirements template, ResourceRequirements spec) {
        if (spec == null) {
            return template == null ? null : new ResourceRequirementsBuilder(template).build();
        }
        if (template == null) {
            return new ResourceRequirementsBuilder(spec).build();
        }
        return new ResourceRequirementsBuilder(template)
                .withRequests(mergeMaps(template.getRequests(), spec.getRequests()))
                .withLimits(mergeMaps(template.getLimits(), spec.getLimits()))
                .build();
    }

    /** Template items whose key the spec does not use, in template order, then the spec's items. */
    private static <T> List<T> mergeByKey(List<T> template, List<T> spec, Function<T, String> key,
            UnaryOperator<T> copy) {
        Set<String> specKeys = new HashSet<>();
        spec.forEach(item -> specKeys.add(key.apply(item)));
        List<T> merged = new ArrayList<>();
        for (T item : template) {
            if (!specKeys.contains(key.apply(item))) {
                merged.add(copy.apply(item));
            }
        }
        spec.forEach(item -> merged.add(copy.apply(item)));
        return merged;
    }

    private static List<Toleration> appendMissing(List<Toleration> template, List<Toleration> spec) {
        List<Toleration> merged = new ArrayList<>();
        template.forEach(toleration -> merged.add(new TolerationBuilder(toleration).build()));
        for (Toleration toleration : spec) {
            if (!merged.contains(toleration)) {
                merged.add(new TolerationBuilder(toleration).build());
            }
        }
        return merged;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Per key, the spec's value winning. */
    private static <V> Map<String, V> mergeMaps(Map<String, V> template, Map<String, V> spec) {
        Map<String, V> merged = new LinkedHashMap<>();
        if (template != null) {
            merged.putAll(template);
        }
        if (spec != null) {
            merged.putAll(spec);
        }
        return merged;
    }
}
