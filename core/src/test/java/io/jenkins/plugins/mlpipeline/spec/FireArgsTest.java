package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FireArgsTest {

    /** Java value, the text Fire must receive after {@code --key=}. Shared with the python3 cross-check. */
    static Stream<Arguments> renderingTable() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("layers", List.of(64, 32));
        nested.put("act", "relu");
        nested.put("dropout", null);
        return Stream.of(
                // strings Fire would return unchanged stay bare
                Arguments.of("adam", "adam"),
                Arguments.of("/data/train.csv", "/data/train.csv"),
                Arguments.of("s3://bucket/key", "s3://bucket/key"),
                Arguments.of("gs://b/k=v@1%x+y~z", "gs://b/k=v@1%x+y~z"),
                Arguments.of("_private", "_private"),
                Arguments.of("a-b", "a-b"),
                Arguments.of("resnet.v2", "resnet.v2"),
                // strings Fire would re-parse are quoted
                Arguments.of("1.10", "'1.10'"),
                Arguments.of("007", "'007'"),
                Arguments.of("true", "'true'"),
                Arguments.of("True", "'True'"),
                Arguments.of("FALSE", "'FALSE'"),
                Arguments.of("None", "'None'"),
                Arguments.of("none", "'none'"),
                Arguments.of("[1,2]", "'[1,2]'"),
                Arguments.of("{a: 1}", "'{a: 1}'"),
                Arguments.of("(1,2)", "'(1,2)'"),
                Arguments.of("1e5", "'1e5'"),
                Arguments.of("-3", "'-3'"),
                Arguments.of("+3", "'+3'"),
                Arguments.of(".5", "'.5'"),
                Arguments.of("a,b", "'a,b'"),
                Arguments.of("'quoted'", "'\\'quoted\\''"),
                Arguments.of("\"double\"", "'\"double\"'"),
                Arguments.of("", "''"),
                Arguments.of("adam ", "'adam '"),
                Arguments.of(" adam", "' adam'"),
                Arguments.of("abc#comment", "'abc#comment'"),
                Arguments.of("./train.py", "'./train.py'"),
                Arguments.of("~/data", "'~/data'"),
                Arguments.of("0x10", "'0x10'"),
                Arguments.of("1_000", "'1_000'"),
                Arguments.of("1j", "'1j'"),
                Arguments.of("...", "'...'"),
                Arguments.of("$(HOME)", "'$(HOME)'"),
                // escapes
                Arguments.of("it's", "'it\\'s'"),
                Arguments.of("C:\\data\\x", "'C:\\\\data\\\\x'"),
                Arguments.of("line1\nline2\r\tend", "'line1\\nline2\\r\\tend'"),
                Arguments.of("nul\u0000bell\u0007del\u007f", "'nul\\x00bell\\x07del\\x7f'"),
                Arguments.of("café", "'caf\\xe9'"),
                Arguments.of("ﬁne", "'\\ufb01ne'"),
                Arguments.of("日本", "'\\u65e5\\u672c'"),
                Arguments.of("😀", "'\\U0001f600'"),
                Arguments.of("\ud800", "'\\ud800'"),
                Arguments.of('x', "x"),
                Arguments.of(new StringBuilder("1.0"), "'1.0'"),
                // other scalars
                Arguments.of(true, "True"),
                Arguments.of(false, "False"),
                Arguments.of(null, "None"),
                Arguments.of(42, "42"),
                Arguments.of(-3, "-3"),
                Arguments.of(Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of((short) 7, "7"),
                Arguments.of((byte) -1, "-1"),
                Arguments.of(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
                Arguments.of(0.001, "0.001"),
                Arguments.of(1e-5, "1.0e-5"),
                Arguments.of(2.0, "2.0"),
                Arguments.of(1e20, "1.0e20"),
                Arguments.of(-0.0, "-0.0"),
                Arguments.of(Double.MIN_VALUE, "4.9e-324"),
                Arguments.of(Double.MAX_VALUE, "1.7976931348623157e308"),
                Arguments.of(0.1f, "0.1"),
                Arguments.of(new BigDecimal("0.001"), "0.001"),
                Arguments.of(new BigDecimal("1.50"), "1.50"),
                Arguments.of(new BigDecimal("1E+3"), "1000.0"),
                Arguments.of(new BigDecimal("2"), "2.0"),
                Arguments.of(new BigDecimal("-1E-10"), "-0.0000000001"),
                // containers
                Arguments.of(List.of(1, "a", true), "[1, 'a', True]"),
                Arguments.of(Arrays.asList("x", null, 1.5), "['x', None, 1.5]"),
                Arguments.of(List.of(), "[]"),
                Arguments.of(Map.of(), "{}"),
                Arguments.of(List.of(List.of("1.10")), "[['1.10']]"),
                Arguments.of(nested, "{'layers': [64, 32], 'act': 'relu', 'dropout': None}"));
    }

    @ParameterizedTest
    @MethodSource("renderingTable")
    void rendersValuesSoFireReadsWhatWasMeant(Object value, String expected) {
        assertThat(FireArgs.renderValue(value)).isEqualTo(expected);
    }

    @Test
    void eachParamIsOneArgvItemInInsertionOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", 0.001);
        params.put("optimizer", "adam");
        params.put("run-name", "exp 1");
        params.put("epochs", 10);
        assertThat(FireArgs.render(params))
                .containsExactly("--lr=0.001", "--optimizer=adam", "--run-name='exp 1'", "--epochs=10");
    }

    @Test
    void renderedValuesArePrintableAscii() {
        renderingTable().forEach(row -> assertThat(FireArgs.renderValue(row.get()[0]))
                .matches("[\\x20-\\x7e]*"));
    }

    @Test
    void refusesNanAndInfinity() {
        for (Object value : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> FireArgs.render(Map.of("lr", value)))
                    .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.getProblems())
                            .singleElement().asString()
                            .contains("params.lr", String.valueOf(value), "NaN or Infinity", "a finite number"));
        }
    }

    @Test
    void refusesUnsupportedTypesNamingTheirPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("when", new Date(0));
        params.put("cfg", Map.of("items", List.of(1, new Object[] {"a"})));
        params.put("weights", Map.of(1, "x"));
        assertThatThrownBy(() -> FireArgs.render(params))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.getProblems())
                        .satisfiesExactly(
                                p -> assertThat(p)
                                        .contains("params.when", "java.util.Date", "a string, a finite number"),
                                p -> assertThat(p).contains("params.cfg.items[1]", "not supported"),
                                p -> assertThat(p).contains("params.weights", "map key 1", "must be strings")));
    }

    @Test
    void refusesDecimalsOutsideTheRangeOfAPythonFloat() {
        assertThatThrownBy(() -> FireArgs.renderValue(new BigDecimal("1E+400")))
                .hasMessageContaining("too large for a Python float");
        assertThatThrownBy(() -> FireArgs.renderValue(new BigDecimal("-1E-400")))
                .hasMessageContaining("too small for a Python float");
    }

    @Test
    void refusesSelfContainingLists() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> FireArgs.render(Map.of("loop", cycle)))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.getProblems())
                        .singleElement().asString().contains("params.loop", "nested more than 32 levels"));
    }

    @Test
    void refusesKeysFireCannotRead() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("learning rate", 1);
        params.put("1st", 1);
        params.put("-x", 1);
        params.put("", 1);
        params.put(null, 1);
        assertThatThrownBy(() -> FireArgs.render(params))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.getProblems())
                        .hasSize(5)
                        .first().asString().isEqualTo("params: key 'learning rate' is not allowed; use letters,"
                                + " digits, '_' or '-' and start with a letter or '_'"));
    }

    @Test
    void refusesKeysFireWouldMerge() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("learning-rate", 1);
        params.put("learning_rate", 2);
        assertThatThrownBy(() -> FireArgs.render(params))
                .hasMessageContaining("'learning-rate' and 'learning_rate' both reach the program as 'learning_rate'");
    }

    @Test
    void bareStringsAreOnlyThoseFireReturnsUnchanged() {
        assertThat(FireArgs.isSafeBare("adam")).isTrue();
        assertThat(FireArgs.isSafeBare("a b")).isFalse();
        assertThat(FireArgs.isSafeBare("9lives")).isFalse();
        assertThat(FireArgs.isSafeBare("None")).isFalse();
        assertThat(FireArgs.isSafeBare("nonE")).isFalse();
        assertThat(FireArgs.isSafeBare("")).isFalse();
    }
}
