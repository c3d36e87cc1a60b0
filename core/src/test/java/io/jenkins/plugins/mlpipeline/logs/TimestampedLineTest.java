package io.jenkins.plugins.mlpipeline.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampedLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // raw line                                        | expected instant               | text
        "2024-05-01T10:00:00.120000000Z hello world        | 2024-05-01T10:00:00.120Z       | hello world",
        "2024-05-01T10:00:00.123456789Z x                   | 2024-05-01T10:00:00.123456789Z | x",
        "2024-05-01T10:00:00.5Z short fraction              | 2024-05-01T10:00:00.500Z       | short fraction",
        "2024-05-01T10:00:00Z no fraction                   | 2024-05-01T10:00:00Z           | no fraction",
        "2024-05-01T12:00:00.000000000+02:00 offset         | 2024-05-01T10:00:00Z           | offset",
        "2024-05-01T10:00:00.000000000Z   keeps  inner spaces | 2024-05-01T10:00:00Z         | '  keeps  inner spaces'",
    })
    void splitsTimestampPrefix(String raw, String instant, String text) {
        TimestampedLine line = TimestampedLine.parse(raw.strip());
        assertThat(line.timestamp()).isEqualTo(Instant.parse(instant));
        assertThat(line.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain text without timestamp",
        "",
        "2024-05-01 not a timestamp at all",
        "2024-13-45T99:99:99.0Z impossible date",
        "2024-05-01T10:00:00.120000000 missing offset",
        "{\"loss\": 0.5}",
        "2024-05-01T10:00:00.1234567891234567891234567890123456789Z too long",
    })
    void passesLinesWithoutParsableTimestampThroughAsIs(String raw) {
        TimestampedLine line = TimestampedLine.parse(raw);
        assertThat(line.timestamp()).isNull();
        assertThat(line.text()).isEqualTo(raw);
    }

    @Test
    void emptyContainerLineKeepsItsTimestamp() {
        TimestampedLine line = TimestampedLine.parse("2024-05-01T10:00:00.000000001Z ");
        assertThat(line.timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.000000001Z"));
        assertThat(line.text()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theKubeletFastPathAgreesWithTheGeneralParser() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            java.time.Instant t = java.time.Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(t);
            org.assertj.core.api.Assertions.assertThat(TimestampedLine.parseKubeletFormat(stamp + " x")).isEqualTo(t);
            org.assertj.core.api.Assertions.assertThat(TimestampedLine.parse(stamp + " x").timestamp()).isEqualTo(t);
        }
    }

    @org.junit.jupiter.api.Test
    void impossibleDatesInTheKubeletShapeAreNotTimestamps() {
        for (String bad : new String[] {"2024-02-30T10:00:00.000000000Z x", "2024-13-01T10:00:00.000000000Z x",
                "2024-01-01T24:00:00.000000000Z x", "2024-01-01T10:60:00.000000000Z x", "2024-01-01T10:00:0a.000000000Z x"}) {
            org.assertj.core.api.Assertions.assertThat(TimestampedLine.parse(bad).timestamp()).as(bad).isNull();
            org.assertj.core.api.Assertions.assertThat(TimestampedLine.parse(bad).text()).isEqualTo(bad);
        }
    }
}
