package io.jenkins.plugins.mlpipeline.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultFileTest {

    private static final String SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @Test
    void parsesAnObjectKeepingOrderAndJsonTypes() throws OutputRejectedException {
        Map<String, Object> result = parse("{\"b\": 1, \"a\": 2.5, \"s\": \"x\", \"ok\": true, \"n\": null, "
                + "\"list\": [1, 2], \"nested\": {\"k\": 12345678901}}");

        assertThat(result.keySet()).containsExactly("b", "a", "s", "ok", "n", "list", "nested");
        assertThat(result).containsEntry("b", 1).containsEntry("a", 2.5).containsEntry("s", "x")
                .containsEntry("ok", true).containsEntry("n", null).containsEntry("list", List.of(1, 2))
                .containsEntry("nested", Map.of("k", 12345678901L));
        assertThatThrownBy(() -> result.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsTheNanAndInfinityPythonWrites() throws OutputRejectedException {
        Map<String, Object> result = parse("{\"loss\": NaN, \"best\": -Infinity}");

        assertThat((Double) result.get("loss")).isNaN();
        assertThat(result).containsEntry("best", Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "true", "null"})
    void refusesWhatIsNotAnObject(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(OutputRejectedException.class)
                .hasMessageStartingWith("result.json must hold one JSON object such as {\"accuracy\": 0.93}, found ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": ", "{a: 1}", "{\"a\": 1} {\"b\": 2}", "{\"a\": 1, \"a\": 2}", "not json"})
    void refusesInvalidJsonNamingTheFile(String json) {
        assertThatThrownBy(() -> ResultFile.parse(stream(json), "outputs/result.json"))
                .isInstanceOf(OutputRejectedException.class)
                .hasMessageContaining("outputs/result.json")
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> parse("  \n")).isInstanceOf(OutputRejectedException.class)
                .hasMessageContaining("result.json must hold one JSON object").hasMessageContaining("it is empty");
    }

    @Test
    void refusesMoreThanOneMebibyte() throws OutputRejectedException {
        String padding = " ".repeat(ResultFile.MAX_BYTES - 7);
        assertThat(parse("{" + padding + "\"a\":1}")).containsEntry("a", 1); // exactly 1 MiB

        assertThatThrownBy(() -> parse("{" + padding + "\"a\": 1}"))
                .isInstanceOf(OutputRejectedException.class)
                .hasMessage("result.json is larger than the limit of 1 MiB (1048576 bytes); write large results "
                        + "as separate output files");
    }

    @Test
    void readsNoMoreThanItNeedsFromAHugeStream() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };

        assertThatThrownBy(() -> ResultFile.parse(endless, "result.json"))
                .hasMessageContaining("larger than the limit of 1 MiB");
    }

    @Test
    void aFailingStreamIsARejectionNamingTheFile() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };

        assertThatThrownBy(() -> ResultFile.parse(failing, "result.json"))
                .isInstanceOf(OutputRejectedException.class).hasMessage("cannot read result.json: disk on fire");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket/models/7/model.safetensors", "gs://b/m", "https://host/m?x=1",
        "hf+git://org/repo", "abfss://c@acct.dfs.core.windows.net/m"})
    void remoteModelFromUri(String uri) throws OutputRejectedException {
        assertThat(ResultFile.remoteModel(Map.of("uri", uri, "accuracy", 0.9)))
                .contains(new RemoteModel(uri, null));
    }

    @Test
    void remoteModelShaIsNormalisedToLowercase() throws OutputRejectedException {
        assertThat(ResultFile.remoteModel(Map.of("uri", "s3://b/m", "sha256", SHA.toUpperCase())))
                .contains(new RemoteModel("s3://b/m", SHA));
        Map<String, Object> nullSha = new HashMap<>();
        nullSha.put("uri", "s3://b/m");
        nullSha.put("sha256", null);
        assertThat(ResultFile.remoteModel(nullSha)).contains(new RemoteModel("s3://b/m", null));
    }

    @Test
    void noUriNoRemoteModel() throws OutputRejectedException {
        assertThat(ResultFile.remoteModel(Map.of())).isEqualTo(Optional.empty());
        assertThat(ResultFile.remoteModel(Map.of("sha256", SHA, "accuracy", 1))).isEmpty();
    }

    @Test
    void refusesBadUris() {
        Map<String, Object> nullUri = new HashMap<>();
        nullUri.put("uri", null);
        for (Object uri : new Object[] {"model.bin", "/abs/path", "S3://upper/scheme", "s3://", "s3:/one-slash",
            "s3://with space", "s3://new\nline", "1s3://digit-first", "s3://" + "x".repeat(2050), 42, List.of()}) {
            assertThatThrownBy(() -> ResultFile.remoteModel(Map.of("uri", uri))).as(String.valueOf(uri))
                    .isInstanceOf(OutputRejectedException.class)
                    .hasMessageStartingWith("result.json field 'uri' must be a string URI with a lowercase scheme")
                    .message().doesNotContain("\n");
        }
        assertThatThrownBy(() -> ResultFile.remoteModel(nullUri)).hasMessageEndingWith("got null");
        assertThatThrownBy(() -> ResultFile.remoteModel(Map.of("uri", 42))).hasMessageEndingWith("got 42");
        assertThatThrownBy(() -> ResultFile.remoteModel(Map.of("uri", "model.bin")))
                .hasMessageEndingWith("got 'model.bin'");
    }

    @Test
    void refusesBadShas() {
        for (Object sha : new Object[] {"abc", SHA + "0", SHA.substring(1) + "g", 7, Map.of()}) {
            assertThatThrownBy(() -> ResultFile.remoteModel(Map.of("uri", "s3://b/m", "sha256", sha)))
                    .as(String.valueOf(sha))
                    .isInstanceOf(OutputRejectedException.class)
                    .hasMessageStartingWith("result.json field 'sha256' must be the model's SHA-256 as 64 hex "
                            + "digits, or absent or null when unknown; got ");
        }
    }

    private static Map<String, Object> parse(String json) throws OutputRejectedException {
        return ResultFile.parse(stream(json), ResultFile.NAME);
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
