package io.jenkins.plugins.mlpipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsParserTest {

    private final MetricsParser parser = new MetricsParser();

    static Stream<Arguments> metricsLines() {
        return Stream.of(
                Arguments.of("{\"epoch\": 3, \"loss\": 0.25}", Map.of("epoch", 3.0, "loss", 0.25)),
                Arguments.of("  {\"acc\":0.9}\t ", Map.of("acc", 0.9)),
                Arguments.of("{\"n\": -12, \"lr\": 1e-4, \"big\": 12345678901234567890}",
                        Map.of("n", -12.0, "lr", 1e-4, "big", 1.2345678901234567e19)),
                Arguments.of("{\"val\": {\"acc\": 0.8, \"deep\": {\"f1\": 0.7}}, \"loss\": 1}",
                        Map.of("val.acc", 0.8, "val.deep.f1", 0.7, "loss", 1.0)),
                Arguments.of("{\"loss\": 0.5, \"name\": \"run\", \"ok\": true, \"none\": null, \"hist\": [1, 2]}",
                        Map.of("loss", 0.5)),
                Arguments.of("{\"loss\": NaN, \"acc\": 0.5}", Map.of("acc", 0.5)),
                Arguments.of("{\"loss\": Infinity, \"acc\": -0.0}", Map.of("acc", -0.0)),
                Arguments.of("{\"huge\": 1e400, \"acc\": 0.5}", Map.of("acc", 0.5)),
                Arguments.of("{\"a\": 1, \"a\": 2}", Map.of("a", 2.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metricsLines")
    void recognisesMetricsEvents(String line, Map<String, Double> expected) {
        Optional<Map<String, Double>> parsed = parser.parse(line);
        assertThat(parsed).isPresent();
        assertThat(parsed.get()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "Epoch 3/10 - loss 0.25",
        "",
        "   ",
        "{}",
        "{\"status\": \"ok\"}",
        "{\"loss\": \"NaN\"}",
        "{\"loss\": NaN}",
        "{\"huge\": 1e400}",
        "{\"flag\": true}",
        "[1, 2, 3]",
        "[{\"loss\": 1}]",
        "{\"loss\": 1} {\"loss\": 2}",
        "{\"loss\": 1}{\"acc\": 2}",
        "{\"loss\": 1} trailing",
        "{\"loss\": 1",
        "{\"loss\": }",
        "{loss: 1}",
        "{'loss': 1}",
        "{\"loss\": 0x10}",
        "{\"loss\": 1,}",
        "\"just a string\"",
        "42",
    })
    void everythingElseIsNotMetricsAndNeverThrows(String line) {
        assertThat(parser.parse(line)).isEmpty();
    }

    @Test
    void nullHugeLinesAndOverlongNumbersAreNotMetrics() {
        assertThat(parser.parse(null)).isEmpty();
        assertThat(parser.parse("{\"digits\": " + "1".repeat(MetricsParser.MAX_NUMBER_LENGTH + 1) + "}")).isEmpty();
        assertThat(parser.parse("{\"digits\": " + "1".repeat(MetricsParser.MAX_NUMBER_LENGTH) + "}")).isPresent();
        String huge = "{\"a\": 1, \"pad\": \"" + "x".repeat(MetricsParser.MAX_LINE_CHARS) + "\"}";
        assertThat(parser.parse(huge)).isEmpty();
    }

    @Test
    void nestingDeeperThanTheLimitIsNotMetrics() {
        int depth = MetricsParser.MAX_DEPTH;
        String ok = "{\"a\":".repeat(depth - 1) + "{\"x\": 1}" + "}".repeat(depth - 1);
        String tooDeep = "{\"a\":".repeat(depth) + "{\"x\": 1}" + "}".repeat(depth);
        assertThat(parser.parse(ok)).isPresent();
        assertThat(parser.parse(ok).get()).containsOnlyKeys("a.".repeat(depth - 1) + "x");
        assertThat(parser.parse(tooDeep)).isEmpty();
    }

    @Test
    void keepsReportedOrderAndIsUnmodifiable() {
        Map<String, Double> parsed = parser.parse("{\"z\": 1, \"a\": 2, \"m\": 3}").orElseThrow();
        assertThat(parsed).containsExactly(entry("z", 1.0), entry("a", 2.0), entry("m", 3.0));
        assertThatThrownBy(() -> parsed.put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void capsValuesPerEvent() {
        StringBuilder line = new StringBuilder("{");
        for (int i = 0; i < MetricsParser.MAX_VALUES + 10; i++) {
            line.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        line.append('}');
        assertThat(parser.parse(line.toString()).orElseThrow()).hasSize(MetricsParser.MAX_VALUES);
    }
}
