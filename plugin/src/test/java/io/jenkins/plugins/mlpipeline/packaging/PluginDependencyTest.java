package io.jenkins.plugins.mlpipeline.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluginDependencyTest {

    @Test
    void parsesIdVersionPairsAndTheOptionalResolution() {
        List<PluginDependency> parsed = PluginDependency.parseList(
                "workflow-step-api:724.v538c2362b_dfb_, credentials:1511.v2e3cb_0008ef0;resolution:=optional");

        assertThat(parsed).containsExactly(
                new PluginDependency("workflow-step-api", "724.v538c2362b_dfb_", false),
                new PluginDependency("credentials", "1511.v2e3cb_0008ef0", true));
    }

    @Test
    void versionWithAColonKeepsEverythingAfterTheFirstColon() {
        assertThat(PluginDependency.parse("a:1.0:x")).isEqualTo(new PluginDependency("a", "1.0:x", false));
    }

    @Test
    void rejectsEntriesWithoutIdOrVersionAndAnEmptyAttribute() {
        assertThatThrownBy(() -> PluginDependency.parseList("kubernetes")).hasMessageContaining("'kubernetes' is not id:version");
        assertThatThrownBy(() -> PluginDependency.parse(":1.0")).hasMessageContaining("not id:version");
        assertThatThrownBy(() -> PluginDependency.parse("kubernetes:")).hasMessageContaining("has no version");
        assertThatThrownBy(() -> PluginDependency.parseList(" ")).hasMessageContaining("Plugin-Dependencies is missing");
        assertThatThrownBy(() -> PluginDependency.parseList(null)).hasMessageContaining("Plugin-Dependencies is missing");
    }
}
