package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.util.Map;

/** A node of the emulated cluster: name, allocatable resources (quantities as text) and labels. */
public record NodeSpec(String name, Map<String, String> allocatable, Map<String, String> labels) {

    public NodeSpec {
        allocatable = Map.copyOf(allocatable);
        labels = Map.copyOf(labels);
    }
}
