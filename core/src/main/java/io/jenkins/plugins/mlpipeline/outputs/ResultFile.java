package io.jenkins.plugins.mlpipeline.outputs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional {@code result.json} a training container writes at the root of its output directory: one JSON object
 * of whatever the run wants to report (e.g. {@code {"accuracy": 0.93}}). Two fields have a meaning here: a model
 * stored elsewhere is reported as {@code "uri"} (with a scheme: {@code s3://}, {@code gs://}, {@code https://}, ...)
 * and optionally {@code "sha256"}.
 *
 * <p>Rules: at most {@value #MAX_BYTES} bytes (1 MiB); exactly one JSON object, nothing after it; duplicate keys are
 * refused; {@code NaN} and {@code Infinity} are accepted because Python's {@code json.dump} writes them by default.
 * {@code "sha256": null} means "unknown", as if absent, but {@code "uri": null} is refused: a container that meant to
 * report a model and lost its location should fail loudly rather than silently report nothing.
 */
public final class ResultFile {

    public static final String NAME = "result.json";

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_URI_CHARS = 2048;
    private static final int MAX_NESTING_DEPTH = 200;

    private static final Pattern URI = Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s\\p{Cntrl}]+");
    private static final Pattern SHA256_ANY_CASE = Pattern.compile("[0-9a-fA-F]{64}");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ResultFile() {
    }

    /**
     * Reads at most {@value #MAX_BYTES} + 1 bytes of {@code in} (does not close it).
     *
     * @param shownName how the file is named in error messages, e.g. {@code result.json}
     * @return the object's fields in file order (unmodifiable); values are what Jackson makes of JSON: String,
     *         Integer/Long/BigInteger, Double, Boolean, null, List, Map
     */
    public static Map<String, Object> parse(InputStream in, String shownName) throws OutputRejectedException {
        byte[] content;
        try {
            content = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new OutputRejectedException("cannot read " + shownName + ": " + e.getMessage(), e);
        }
        if (content.length > MAX_BYTES) {
            throw new OutputRejectedException(shownName + " is larger than the limit of 1 MiB (" + MAX_BYTES
                    + " bytes); write large results as separate output files");
        }
        Object value;
        try {
            value = MAPPER.readValue(content, Object.class);
        } catch (MismatchedInputException e) {
            // Jackson reports an empty document as a mismatch: say so plainly.
            throw new OutputRejectedException(shownName + " must hold one JSON object such as {\"accuracy\": 0.93}, "
                    + "but " + (isBlank(content) ? "it is empty" : "it is not valid JSON: " + describe(e)), e);
        } catch (JsonProcessingException e) {
            throw new OutputRejectedException(shownName + " is not valid JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new OutputRejectedException("cannot read " + shownName + ": " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new OutputRejectedException(shownName + " must hold one JSON object such as {\"accuracy\": 0.93}, "
                    + "found " + kindOf(value));
        }
        @SuppressWarnings("unchecked") // JSON object keys are always strings
        Map<String, Object> fields = (Map<String, Object>) object;
        return Collections.unmodifiableMap(fields);
    }

    /**
     * @param result a parsed result.json
     * @return the model the container reported with {@code "uri"}, or empty if there is no {@code "uri"} field
     * @throws OutputRejectedException if {@code "uri"} or {@code "sha256"} is not acceptable
     */
    public static Optional<RemoteModel> remoteModel(Map<String, Object> result) throws OutputRejectedException {
        if (!result.containsKey("uri")) {
            return Optional.empty();
        }
        Object uri = result.get("uri");
        if (!(uri instanceof String text) || text.length() > MAX_URI_CHARS || !URI.matcher(text).matches()) {
            throw new OutputRejectedException(NAME + " field 'uri' must be a string URI with a lowercase scheme, such "
                    + "as s3://bucket/model.safetensors, gs://bucket/model or https://host/model (at most "
                    + MAX_URI_CHARS + " characters, no spaces or control characters); got " + shown(uri));
        }
        Object sha256 = result.get("sha256");
        if (sha256 == null) {
            return Optional.of(new RemoteModel(text, null));
        }
        if (!(sha256 instanceof String digest) || !SHA256_ANY_CASE.matcher(digest).matches()) {
            throw new OutputRejectedException(NAME + " field 'sha256' must be the model's SHA-256 as 64 hex digits, "
                    + "or absent or null when unknown; got " + shown(sha256));
        }
        return Optional.of(new RemoteModel(text, digest.toLowerCase(Locale.ROOT)));
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String message = e.getOriginalMessage();
        return where == null ? message
                : message + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    private static String kindOf(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof List<?>) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else {
            return "a number";
        }
    }

    private static String shown(Object value) {
        if (value instanceof String text) {
            return Messages.quoted(text);
        } else if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        } else {
            return value instanceof Map<?, ?> ? "an object" : kindOf(value);
        }
    }
}
