package io.jenkins.plugins.mlpipeline.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheKeyTest {

    private static final CacheInputs BASE = new CacheInputs("trainer@sha256:abc", List.of("python", "train.py"),
            List.of("--fast"), ordered("lr", 0.01, "epochs", 3, "layers", List.of(64, 32)),
            Map.of("MODE", "full"), Map.of("data", "s3://bucket/data/v7"), "/out", "1");

    @Test
    void theCanonicalFormIsSortedCompactAndKeepsNulls() {
        CacheInputs in = new CacheInputs("img", null, List.of(), ordered("b", 1, "a", ordered("y", true, "x", null)),
                null, Map.of(), null, "v\"1");

        assertThat(CacheKey.canonicalJson(in)).isEqualTo("{\"args\":[],\"cacheVersion\":\"v\\\"1\",\"command\":null,"
                + "\"env\":null,\"image\":\"img\",\"inputs\":{},\"outputsPath\":null,"
                + "\"params\":{\"a\":{\"x\":null,\"y\":true},\"b\":1}}");
    }

    @Test
    void theKeyIsTheSha256OfTheCanonicalForm() {
        CacheInputs in = new CacheInputs(null, null, null, null, null, null, null, null);

        assertThat(CacheKey.canonicalJson(in)).isEqualTo("{\"args\":null,\"cacheVersion\":null,\"command\":null,"
                + "\"env\":null,\"image\":null,\"inputs\":null,\"outputsPath\":null,\"params\":null}");
        // printf '%s' '<that JSON>' | sha256sum
        assertThat(CacheKey.of(in)).isEqualTo("4a30bbbe394f5a6d4654ac23587ee3af285264e8b484091fb95fafdd9ef3fe00");
    }

    @Test
    void theKeyIsStableAndIgnoresMapOrder() {
        CacheInputs reordered = new CacheInputs("trainer@sha256:abc", List.of("python", "train.py"),
                List.of("--fast"), ordered("layers", List.of(64, 32), "epochs", 3, "lr", 0.01),
                new LinkedHashMap<>(Map.of("MODE", "full")), ordered("data", "s3://bucket/data/v7"), "/out", "1");

        assertThat(CacheKey.of(BASE)).matches("[0-9a-f]{64}").isEqualTo(CacheKey.of(BASE));
        assertThat(CacheKey.of(reordered)).isEqualTo(CacheKey.of(BASE));
        assertThat(CacheKey.of(withParams(ordered("p", ordered("b", 2, "a", 1)))))
                .isEqualTo(CacheKey.of(withParams(ordered("p", ordered("a", 1, "b", 2)))));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("image", in -> new CacheInputs("trainer@sha256:abd", in.command(), in.args(), in.params(),
                        in.env(), in.inputs(), in.outputsPath(), in.cacheVersion())),
                change("command", in -> new CacheInputs(in.image(), List.of("python", "train2.py"), in.args(),
                        in.params(), in.env(), in.inputs(), in.outputsPath(), in.cacheVersion())),
                change("args", in -> new CacheInputs(in.image(), in.command(), List.of(), in.params(), in.env(),
                        in.inputs(), in.outputsPath(), in.cacheVersion())),
                change("args order", in -> new CacheInputs(in.image(), List.of("train.py", "python"), in.args(),
                        in.params(), in.env(), in.inputs(), in.outputsPath(), in.cacheVersion())),
                change("params value", in -> withParams(ordered("lr", 0.02, "epochs", 3, "layers", List.of(64, 32)))),
                change("params list order", in -> withParams(ordered("lr", 0.01, "epochs", 3,
                        "layers", List.of(32, 64)))),
                change("params 1 vs 1.0", in -> withParams(ordered("lr", 0.01, "epochs", 3.0,
                        "layers", List.of(64, 32)))),
                change("params string vs number", in -> withParams(ordered("lr", "0.01", "epochs", 3,
                        "layers", List.of(64, 32)))),
                change("env", in -> new CacheInputs(in.image(), in.command(), in.args(), in.params(),
                        Map.of("MODE", "quick"), in.inputs(), in.outputsPath(), in.cacheVersion())),
                change("inputs", in -> new CacheInputs(in.image(), in.command(), in.args(), in.params(), in.env(),
                        Map.of("data", "s3://bucket/data/v8"), in.outputsPath(), in.cacheVersion())),
                change("outputsPath", in -> new CacheInputs(in.image(), in.command(), in.args(), in.params(),
                        in.env(), in.inputs(), "/output", in.cacheVersion())),
                change("cacheVersion", in -> new CacheInputs(in.image(), in.command(), in.args(), in.params(),
                        in.env(), in.inputs(), in.outputsPath(), "2")),
                change("null vs empty", in -> new CacheInputs(in.image(), in.command(), in.args(), in.params(),
                        null, in.inputs(), in.outputsPath(), in.cacheVersion())));
    }

    private static Arguments change(String what, UnaryOperator<CacheInputs> change) {
        return Arguments.of(what, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeGivesANewKey(String what, UnaryOperator<CacheInputs> change) {
        assertThat(CacheKey.of(change.apply(BASE))).isNotEqualTo(CacheKey.of(BASE));
    }

    @Test
    void allChangesGiveDistinctKeys() {
        Set<String> keys = new HashSet<>();
        keys.add(CacheKey.of(BASE));
        List<Arguments> all = changes().toList();
        for (Arguments arguments : all) {
            @SuppressWarnings("unchecked")
            UnaryOperator<CacheInputs> change = (UnaryOperator<CacheInputs>) arguments.get()[1];
            keys.add(CacheKey.of(change.apply(BASE)));
        }
        assertThat(keys).hasSize(all.size() + 1);
    }

    @Test
    void numbersAreWrittenAsJacksonWritesTheJavaValue() {
        String json = CacheKey.canonicalJson(withParams(ordered("i", 1, "l", 1L, "d", 1.0, "f", 0.1f,
                "e", 1e-5, "big", new BigDecimal("1.10"), "s", new StringBuilder("gstring"))));

        assertThat(json).contains("\"params\":{\"big\":1.10,\"d\":1.0,\"e\":1.0E-5,\"f\":0.1,\"i\":1,\"l\":1,"
                + "\"s\":\"gstring\"}");
    }

    @Test
    void valuesThatAreNotPlainAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CacheKey.of(withParams(Map.of("when", new Object()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("params.when is a java.lang.Object");
        assertThatThrownBy(() -> CacheKey.of(new CacheInputs("i", null, null, null, null,
                Map.of("data", List.of(Double.POSITIVE_INFINITY)), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("inputs.data[0] is Infinity");
        assertThatThrownBy(() -> CacheKey.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsNeverEnterTheKey() {
        TrainingSpec plain = TrainingSpec.builder().image("trainer:1").param("lr", 0.1).env("MODE", "full")
                .outputs("/out").outputsImage("busybox:1.36").build();
        TrainingSpec withSecrets = plain.toBuilder().secretEnv("API_TOKEN", "creds/token")
                .secretEnv("DB_PASSWORD", "db/password").build();

        CacheInputs in = CacheInputs.from(withSecrets, Map.of("data", "s3://d"), "1");

        String json = CacheKey.canonicalJson(in);
        assertThat(json).doesNotContain("API_TOKEN", "creds", "token", "DB_PASSWORD", "password")
                .contains("\"env\":{\"MODE\":\"full\"}", "\"outputsPath\":\"/out\"", "\"params\":{\"lr\":0.1}");
        assertThat(CacheKey.of(in)).isEqualTo(CacheKey.of(CacheInputs.from(plain, Map.of("data", "s3://d"), "1")));
        assertThat(CacheKey.of(in)).isNotEqualTo(CacheKey.of(CacheInputs.from(plain, Map.of("data", "s3://d"), "2")));
    }

    private static CacheInputs withParams(Map<String, Object> params) {
        return new CacheInputs(BASE.image(), BASE.command(), BASE.args(), params, BASE.env(), BASE.inputs(),
                BASE.outputsPath(), BASE.cacheVersion());
    }

    /** A LinkedHashMap with the entries in the given order (values may be null). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
