package io.jenkins.plugins.mlpipeline.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunIdentityTest {

    @Test
    void keepsIdAndOptionalLineage() {
        RunIdentity identity = RunIdentity.of("folder/job#42/step-7", "https://ci/job/42/", "abc123");
        assertThat(identity.getId()).isEqualTo("folder/job#42/step-7");
        assertThat(identity.getBuildUrl()).hasValue("https://ci/job/42/");
        assertThat(identity.getGitCommit()).hasValue("abc123");
        assertThat(identity).hasToString("folder/job#42/step-7");
    }

    @Test
    void blankLineageMeansUnknown() {
        RunIdentity identity = RunIdentity.of("job#1", " ", "");
        assertThat(identity.getBuildUrl()).isEmpty();
        assertThat(identity.getGitCommit()).isEmpty();
        assertThat(identity).isEqualTo(RunIdentity.of("job#1"));
    }

    @Test
    void equalityCoversAllFields() {
        assertThat(RunIdentity.of("a", "u", "c")).isEqualTo(RunIdentity.of("a", "u", "c"))
                .hasSameHashCodeAs(RunIdentity.of("a", "u", "c"))
                .isNotEqualTo(RunIdentity.of("a", "u", "d"))
                .isNotEqualTo(RunIdentity.of("a", "v", "c"))
                .isNotEqualTo(RunIdentity.of("b", "u", "c"))
                .isNotEqualTo("a");
    }

    @Test
    void refusesBlankOrHugeIds() {
        assertThatThrownBy(() -> RunIdentity.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run identity: id must not be blank");
        assertThatThrownBy(() -> RunIdentity.of("  ")).hasMessageContaining("id must not be blank");
        assertThat(RunIdentity.of("x".repeat(1024)).getId()).hasSize(1024);
        assertThatThrownBy(() -> RunIdentity.of("x".repeat(1025)))
                .hasMessage("run identity: id must be at most 1024 characters, got 1025");
        assertThatThrownBy(() -> RunIdentity.of("job", "u".repeat(1025), null)).hasMessageContaining("buildUrl");
    }

    @Test
    void refusesControlCharacters() {
        assertThatThrownBy(() -> RunIdentity.of("job\n#1")).hasMessageContaining("id must not contain control");
        assertThatThrownBy(() -> RunIdentity.of("job", null, "abc\u0000"))
                .hasMessageContaining("gitCommit must not contain control");
    }
}
