package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedImagesTest {

    @Test
    void blankAllowsEverything() {
        assertThatCode(() -> AllowedImages.of(" ").check("anything:1")).doesNotThrowAnyException();
        assertThatCode(() -> AllowedImages.of(null).check("anything:1")).doesNotThrowAnyException();
    }

    @Test
    void wholeReferenceMustMatch() {
        AllowedImages policy = AllowedImages.of("registry\\.example\\.com/ml/.*");
        assertThatCode(() -> policy.check("registry.example.com/ml/trainer:1")).doesNotThrowAnyException();
        // A prefix match is not enough: the pattern must cover the whole reference.
        assertThatThrownBy(() -> policy.check("evil.example.com/registry.example.com/ml/x"))
                .hasMessageContaining("image: 'evil.example.com/registry.example.com/ml/x' is not allowed")
                .hasMessageContaining("registry\\.example\\.com/ml/.*");
    }

    @Test
    void invalidPatternNamesTheSetting() {
        assertThat(AllowedImages.problem("ml/(")).get().asString().startsWith("allowedImages: 'ml/(' is not a valid");
        assertThat(AllowedImages.problem("ml/.*")).isEmpty();
    }
}
