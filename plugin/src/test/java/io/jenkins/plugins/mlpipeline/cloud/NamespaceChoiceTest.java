package io.jenkins.plugins.mlpipeline.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespaceChoiceTest {

    @Test
    void firstGivenWinsInOrder() {
        assertThat(NamespaceChoice.choose("step", "tpl", "global", "cloud", "client")).isEqualTo("step");
        assertThat(NamespaceChoice.choose(" ", "tpl", "global", "cloud", "client")).isEqualTo("tpl");
        assertThat(NamespaceChoice.choose(null, null, "global", "cloud", "client")).isEqualTo("global");
        assertThat(NamespaceChoice.choose(null, null, null, "cloud", "client")).isEqualTo("cloud");
        assertThat(NamespaceChoice.choose(null, null, null, null, "client")).isEqualTo("client");
        assertThat(NamespaceChoice.choose(null, null, null, null, null)).isEqualTo("default");
    }
}
