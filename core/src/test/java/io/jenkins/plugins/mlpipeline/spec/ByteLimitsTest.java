package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteLimitsTest {

    @Test
    void binaryAndDecimalSuffixes() {
        assertThat(ByteLimits.parse("f", "10Gi")).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(ByteLimits.parse("f", "500M")).isEqualTo(500_000_000L);
        assertThat(ByteLimits.parse("f", "1048576")).isEqualTo(1_048_576L);
    }

    @Test
    void refusesWhatIsNotAPositiveWholeNumberOfBytes() {
        assertThatThrownBy(() -> ByteLimits.parse("outputsMaxBytes", "ten gigs"))
                .hasMessageStartingWith("outputsMaxBytes: must be a size such as 10Gi");
        assertThatThrownBy(() -> ByteLimits.parse("outputsMaxBytes", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ByteLimits.parse("outputsMaxBytes", "500m")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ByteLimits.parse("outputsMaxBytes", "100Ei")).hasMessageContaining("at most");
    }
}
