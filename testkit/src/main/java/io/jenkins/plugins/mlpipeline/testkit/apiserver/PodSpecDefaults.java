package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The defaults the API server fills into a pod spec (k8s pkg/apis/core/v1/defaults.go) and the QoS class it derives
 * (pkg/apis/core/helper/qos), limited to the fields clients of this project look at.
 */
public final class PodSpecDefaults {

    private PodSpecDefaults() {
    }

    public static void apply(PodSpec spec, String defaultRestartPolicy) {
        if (spec.getRestartPolicy() == null) {
            spec.setRestartPolicy(defaultRestartPolicy);
        }
        if (spec.getSchedulerName() == null) {
            spec.setSchedulerName("default-scheduler");
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (spec.getDnsPolicy() == null) {
            spec.setDnsPolicy("ClusterFirst");
        }
        for (Container container : allContainers(spec)) {
            if (container.getImagePullPolicy() == null && container.getImage() != null) {
                container.setImagePullPolicy(usesLatestTag(container.getImage()) ? "Always" : "IfNotPresent");
            }
            if (container.getTerminationMessagePath() == null) {
                container.setTerminationMessagePath("/dev/termination-log");
            }
            if (container.getTerminationMessagePolicy() == null) {
                container.setTerminationMessagePolicy("File");
            }
        }
    }

    /** Init containers first, then the regular ones. */
    public static List<Container> allContainers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        return all;
    }

    /** Guaranteed, Burstable or BestEffort, as {@code status.qosClass}. */
    public static String qosClass(PodSpec spec) {
        boolean anySet = false;
        boolean guaranteed = true;
        for (Container container : allContainers(spec)) {
            Map<String, Quantity> requests = container.getResources() == null ? null
                    : container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources() == null ? null
                    : container.getResources().getLimits();
            boolean hasRequests = requests != null && !requests.isEmpty();
            boolean hasLimits = limits != null && !limits.isEmpty();
            anySet |= hasRequests || hasLimits;
            if (!hasLimits || !limits.containsKey("cpu") || !limits.containsKey("memory")) {
                guaranteed = false;
            } else if (hasRequests && !limits.equals(requestsWithLimitDefaults(requests, limits))) {
                guaranteed = false;
            }
        }
        if (!anySet) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static Map<String, Quantity> requestsWithLimitDefaults(Map<String, Quantity> requests,
            Map<String, Quantity> limits) {
        Map<String, Quantity> merged = new java.util.HashMap<>(limits);
        merged.putAll(requests);
        return merged;
    }

    private static boolean usesLatestTag(String image) {
        if (image.contains("@")) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon <= slash || image.substring(colon + 1).equals("latest");
    }
}
