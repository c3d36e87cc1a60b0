package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({
        "500m, 0.5",
        "2, 2",
        "1.5, 1.5",
        "4Gi, 4294967296",
        "4096Mi, 4294967296",
        "4G, 4000000000",
        "1e3, 1000",
        "1E-2, 0.01",
        "1e+2, 100",
        "128974848, 128974848",
        "129M, 129000000",
        "1Ki, 1024",
        "1Ei, 1152921504606846976",
        "1E, 1000000000000000000",
        "100n, 0.0000001",
        "5u, 0.000005",
        "+1, 1",
        "-1, -1",
        ".5, 0.5",
        "1., 1",
        "0.5k, 500",
    })
    void acceptsTheKubernetesGrammarWithItsExactValue(String text, String expected) {
        assertThat(Quantities.parse(text)).hasValueSatisfying(
                value -> assertThat(value).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "4 GB", "4GB", "4gi", "1Gib", "Gi", "1.2.3", "--1", "1e", "1e1.5", "0x10",
        "abc", "1 ", " 1", "1K", "1mi", "1e101", "1,5", "½", "1_000", "."})
    void refusesWhatTheApiServerRefuses(String text) {
        assertThat(Quantities.parse(text)).isEmpty();
        assertThat(Quantities.isQuantity(text)).isFalse();
    }

    @Test
    void refusesNull() {
        assertThat(Quantities.isQuantity(null)).isFalse();
    }

    /** The reason we do not rely on fabric8: its parse splits digits from letters and accepts nonsense. */
    @Test
    void fabric8QuantityParseIsLaxAboutWhatOurGrammarRefuses() {
        for (String nonsense : new String[] {"4GB", "1.2.3", "--1", "1e"}) {
            assertThatCode(() -> Quantity.parse(nonsense)).doesNotThrowAnyException();
            assertThat(Quantities.isQuantity(nonsense)).as(nonsense).isFalse();
        }
    }
}
