package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsUnitsCombinationsAndBareMinutes() {
        assertThat(DurationText.parse("timeout", "24h")).isEqualTo(Duration.ofHours(24));
        assertThat(DurationText.parse("timeout", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("timeout", "3600s")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("timeout", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("timeout", " 1h30M ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("timeout", "90")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("timeout", 90)).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("timeout", 1.5)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesGarbageZeroAndEmptyNamingTheField() {
        assertThatThrownBy(() -> DurationText.parse("timeout", "ten minutes"))
                .hasMessageStartingWith("timeout: 'ten minutes' is not a duration").hasMessageContaining("24h");
        assertThatThrownBy(() -> DurationText.parse("timeout", "5x")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationText.parse("pendingTimeout", "0m"))
                .hasMessageStartingWith("pendingTimeout: must be longer than zero");
        assertThatThrownBy(() -> DurationText.parse("timeout", -3)).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> DurationText.parse("timeout", "")).hasMessageStartingWith("timeout: must not be empty");
        assertThatThrownBy(() -> DurationText.parse("timeout", null)).hasMessageStartingWith("timeout: must not be empty");
        assertThatThrownBy(() -> DurationText.parse("timeout", "99999999999999999999d"))
                .hasMessageContaining("too large");
    }
}
