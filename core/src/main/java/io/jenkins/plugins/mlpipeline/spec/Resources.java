package io.jenkins.plugins.mlpipeline.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource names a spec may ask for and the quantity rules for each (k8s {@code pkg/apis/core/validation}
 * {@code validateContainerResourceName}, {@code ValidateResourceQuantityValue} and the extended-resource rule
 * that such quantities must be whole numbers).
 */
public final class Resources {

    /** Short name users write for NVIDIA GPUs. */
    public static final String GPU_ALIAS = "gpu";
    public static final String NVIDIA_GPU = "nvidia.com/gpu";

    private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
    private static final String HUGEPAGES_PREFIX = "hugepages-";
    static final String ALLOWED_NAMES = "cpu, memory, ephemeral-storage, hugepages-<size>, gpu (= " + NVIDIA_GPU
            + ") or an extended resource with a domain prefix (example: example.com/fpga)";
    private static final String QUANTITY_EXAMPLES = "examples: 4Gi, 4096Mi, 4G, 500m";

    private Resources() {
    }

    /** The name Kubernetes knows: {@code gpu} becomes {@code nvidia.com/gpu}, everything else is unchanged. */
    public static String canonicalName(String name) {
        return GPU_ALIAS.equals(name) ? NVIDIA_GPU : name;
    }

    /**
     * Whole-number-only resources: everything that is not a built-in compute resource. The scheduler counts
     * devices, so Kubernetes refuses fractions for them.
     */
    public static boolean isExtended(String canonicalName) {
        return !STANDARD.contains(canonicalName) && !canonicalName.startsWith(HUGEPAGES_PREFIX);
    }

    static void check(Map<String, String> resources, List<String> problems) {
        if (resources.containsKey(GPU_ALIAS) && resources.containsKey(NVIDIA_GPU)) {
            problems.add("resources: both '" + GPU_ALIAS + "' and '" + NVIDIA_GPU + "' are set but mean the same"
                    + " resource; keep one");
        }
        resources.forEach((name, quantity) -> {
            checkName(name).ifPresent(problems::add);
            checkQuantity(name, quantity).ifPresent(problems::add);
        });
    }

    private static Optional<String> checkName(String name) {
        if (name == null) {
            return Optional.of("resources: a resource name must not be null; use " + ALLOWED_NAMES);
        }
        String canonical = canonicalName(name);
        if (STANDARD.contains(canonical)) {
            return Optional.empty();
        }
        if (canonical.startsWith(HUGEPAGES_PREFIX)) {
            return Quantities.isQuantity(canonical.substring(HUGEPAGES_PREFIX.length())) ? Optional.empty()
                    : Optional.of("resources: '" + name + "' is not a valid huge page size (example: hugepages-2Mi)");
        }
        int slash = canonical.indexOf('/');
        String domain = slash < 0 ? "" : canonical.substring(0, slash);
        boolean reserved = domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io");
        if (slash < 0 || reserved || !KubernetesNames.isQualifiedName(canonical)
                || canonical.startsWith("requests.")) {
            return Optional.of("resources: '" + name + "' is not a resource Kubernetes accepts; use " + ALLOWED_NAMES);
        }
        return Optional.empty();
    }

    private static Optional<String> checkQuantity(String name, String quantity) {
        String field = "resources." + name;
        if (quantity == null) {
            return Optional.of(field + ": needs a quantity (" + QUANTITY_EXAMPLES + ")");
        }
        Optional<BigDecimal> value = Quantities.parse(quantity);
        if (value.isEmpty()) {
            return Optional.of(field + ": '" + quantity + "' is not a Kubernetes quantity (" + QUANTITY_EXAMPLES + ")");
        }
        if (value.get().signum() <= 0) {
            return Optional.of(field + ": must be greater than zero, got '" + quantity + "'");
        }
        if (name != null && isExtended(canonicalName(name)) && value.get().stripTrailingZeros().scale() > 0) {
            return Optional.of(field + ": '" + quantity + "' must be a whole number, because Kubernetes counts "
                    + canonicalName(name) + " in whole units (examples: 1, 2)");
        }
        return Optional.empty();
    }
}
