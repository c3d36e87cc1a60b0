package io.jenkins.plugins.mlpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MlPipelineConfigurationTest {

    @Test
    void unsetMeansBuiltInDefaults() {
        PipelineDefaults d = new MlPipelineConfiguration().toDefaults();
        assertThat(d).isEqualTo(PipelineDefaults.builtIn());
        assertThat(d.defaultTimeout()).isEqualTo(Duration.ofHours(24));
        assertThat(d.restrictedPodSecurity()).isTrue();
    }

    @Test
    void settingsBecomeTheStepsDefaults() {
        MlPipelineConfiguration c = new MlPipelineConfiguration();
        c.setDefaultCloud(" gpu-cluster ");
        c.setDefaultNamespace("ml");
        c.setDefaultTimeout("6h");
        c.setImagePullGrace("5m");
        c.setPendingTimeout("30");
        c.setAllowedImages("registry\\.example\\.com/.*");
        c.setRestrictedPodSecurity(false);
        PipelineDefaults d = c.toDefaults();
        assertThat(d.defaultCloud()).isEqualTo("gpu-cluster");
        assertThat(d.defaultNamespace()).isEqualTo("ml");
        assertThat(d.defaultTimeout()).isEqualTo(Duration.ofHours(6));
        assertThat(d.imagePullGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.pendingTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.allowedImages()).isEqualTo("registry\\.example\\.com/.*");
        assertThat(d.restrictedPodSecurity()).isFalse();
        assertThat(c.getDefaultTimeout()).as("kept as written").isEqualTo("6h");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        MlPipelineConfiguration c = new MlPipelineConfiguration();
        assertThatThrownBy(() -> c.setDefaultTimeout("forever")).hasMessageStartingWith("defaultTimeout:");
        assertThatThrownBy(() -> c.setAllowedImages("(")).hasMessageStartingWith("allowedImages:");
        FormValidation check = MlPipelineConfiguration.durationCheck("pendingTimeout", "0s");
        assertThat(check.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(check.getMessage()).startsWith("pendingTimeout: must be longer than zero");
        assertThat(MlPipelineConfiguration.durationCheck("pendingTimeout", "").kind).isEqualTo(FormValidation.Kind.OK);
    }
}
