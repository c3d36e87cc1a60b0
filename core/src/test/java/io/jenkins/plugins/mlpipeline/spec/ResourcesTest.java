package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void gpuIsTheNvidiaResource() {
        assertThat(Resources.canonicalName("gpu")).isEqualTo("nvidia.com/gpu");
        assertThat(Resources.canonicalName("memory")).isEqualTo("memory");
        assertThat(Resources.isExtended("nvidia.com/gpu")).isTrue();
        assertThat(Resources.isExtended("example.com/fpga")).isTrue();
        assertThat(Resources.isExtended("cpu")).isFalse();
        assertThat(Resources.isExtended("hugepages-2Mi")).isFalse();
    }

    @Test
    void acceptsStandardAndExtendedResources() {
        assertThat(problems(Map.of("cpu", "500m", "memory", "4Gi", "ephemeral-storage", "10G", "gpu", "2",
                "example.com/fpga", "1", "hugepages-2Mi", "1Gi", "nvidia.com/mig-1g.5gb", "1k"))).isEmpty();
    }

    @Test
    void refusesQuantitiesOutsideTheGrammar() {
        assertThat(problems(Map.of("memory", "4 GB"))).containsExactly(
                "resources.memory: '4 GB' is not a Kubernetes quantity (examples: 4Gi, 4096Mi, 4G, 500m)");
    }

    @Test
    void refusesZeroAndNegativeQuantities() {
        assertThat(problems(Map.of("cpu", "-1"))).containsExactly("resources.cpu: must be greater than zero, got '-1'");
        assertThat(problems(Map.of("cpu", "0"))).hasSize(1);
    }

    @Test
    void refusesFractionsOfCountedResources() {
        assertThat(problems(Map.of("gpu", "1.5"))).singleElement().asString().isEqualTo("resources.gpu: '1.5' must"
                + " be a whole number, because Kubernetes counts nvidia.com/gpu in whole units (examples: 1, 2)");
        assertThat(problems(Map.of("example.com/fpga", "500m"))).singleElement().asString()
                .contains("resources.example.com/fpga", "whole number");
        assertThat(problems(Map.of("gpu", "2.0"))).isEmpty();
    }

    @Test
    void refusesUnknownResourceNames() {
        for (String name : List.of("fpga", "kubernetes.io/fpga", "node.kubernetes.io/x", "example.com/", "Ex ample/x",
                "requests.example.com/x", "hugepages-big")) {
            assertThat(problems(Map.of(name, "1"))).as(name).singleElement().asString()
                    .contains("resources: '" + name + "'");
        }
        assertThat(problems(Map.of("fpga", "1"))).singleElement().asString().contains("cpu, memory",
                "gpu (= nvidia.com/gpu)", "example.com/fpga");
    }

    @Test
    void refusesGpuTwice() {
        assertThat(problems(Map.of("gpu", "1", "nvidia.com/gpu", "2"))).singleElement().asString()
                .contains("both 'gpu' and 'nvidia.com/gpu'");
    }

    @Test
    void refusesNullNamesAndQuantities() {
        Map<String, String> resources = new LinkedHashMap<>();
        resources.put(null, "1");
        resources.put("cpu", null);
        assertThat(problems(resources)).satisfiesExactly(
                p -> assertThat(p).contains("resource name must not be null"),
                p -> assertThat(p).contains("resources.cpu: needs a quantity"));
    }

    private static List<String> problems(Map<String, String> resources) {
        List<String> problems = new ArrayList<>();
        Resources.check(resources, problems);
        return problems;
    }
}
