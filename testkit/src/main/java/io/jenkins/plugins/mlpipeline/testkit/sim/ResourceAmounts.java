package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resource amounts by name ({@code cpu}, {@code memory}, {@code nvidia.com/gpu}, ...) as plain numbers.
 * A pod's request follows the scheduler (k8s pkg/api/v1/resource/helpers.go {@code PodRequests}): the sum over
 * its containers, at least the largest init container, and a container's limit where it sets no request.
 */
final class ResourceAmounts {

    private final Map<String, BigDecimal> amounts;

    private ResourceAmounts(Map<String, BigDecimal> amounts) {
        this.amounts = amounts;
    }

    static ResourceAmounts none() {
        return new ResourceAmounts(new TreeMap<>());
    }

    static ResourceAmounts fromQuantities(Map<String, Quantity> quantities) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, quantity) -> amounts.put(name, quantity.getNumericalAmount()));
        }
        return new ResourceAmounts(amounts);
    }

    static ResourceAmounts requestsOf(PodSpec spec) {
        ResourceAmounts sum = none();
        for (Container container : spec.getContainers()) {
            sum = sum.plus(containerRequests(container));
        }
        if (spec.getInitContainers() != null) {
            for (Container init : spec.getInitContainers()) {
                sum = sum.max(containerRequests(init));
            }
        }
        return sum;
    }

    private static ResourceAmounts containerRequests(Container container) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        if (container.getResources() != null) {
            if (container.getResources().getLimits() != null) {
                container.getResources().getLimits().forEach((n, q) -> amounts.put(n, q.getNumericalAmount()));
            }
            if (container.getResources().getRequests() != null) {
                container.getResources().getRequests().forEach((n, q) -> amounts.put(n, q.getNumericalAmount()));
            }
        }
        return new ResourceAmounts(amounts);
    }

    ResourceAmounts plus(ResourceAmounts other) {
        Map<String, BigDecimal> result = new TreeMap<>(amounts);
        other.amounts.forEach((name, amount) -> result.merge(name, amount, BigDecimal::add));
        return new ResourceAmounts(result);
    }

    ResourceAmounts minus(ResourceAmounts other) {
        Map<String, BigDecimal> result = new TreeMap<>(amounts);
        other.amounts.forEach((name, amount) -> result.merge(name, amount.negate(), BigDecimal::add));
        return new ResourceAmounts(result);
    }

    private ResourceAmounts max(ResourceAmounts other) {
        Map<String, BigDecimal> result = new TreeMap<>(amounts);
        other.amounts.forEach((name, amount) -> result.merge(name, amount, BigDecimal::max));
        return new ResourceAmounts(result);
    }

    BigDecimal get(String name) {
        return amounts.getOrDefault(name, BigDecimal.ZERO);
    }

    /** Names of the resources requested in a positive amount, sorted. */
    Iterable<String> requestedNames() {
        return amounts.entrySet().stream().filter(e -> e.getValue().signum() > 0).map(Map.Entry::getKey).toList();
    }
}
