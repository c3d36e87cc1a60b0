package io.jenkins.plugins.mlpipeline.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises metrics events in a container's stdout (the Valohai convention): a line that is exactly one JSON
 * object, surrounding whitespace allowed, e.g. {@code {"epoch": 3, "loss": 0.25, "val": {"acc": 0.9}}}.
 *
 * <p>Rules, decided here once:
 * <ul>
 *   <li>Numbers (integers and floats) are metrics. Nested objects are flattened with {@code .}
 *       ({@code val.acc}), up to {@value #MAX_DEPTH} levels; deeper nesting makes the line "not metrics".</li>
 *   <li>Strings, booleans, nulls and arrays inside the object are ignored. So are numbers that are not finite
 *       as a double: {@code 1e400}, and the {@code NaN} / {@code Infinity} tokens Python's {@code json.dumps}
 *       writes by default (accepted so that one diverged loss does not discard the rest of the event).</li>
 *   <li>An object without any usable number, anything that is not a single object (text, arrays, two objects,
 *       trailing text, malformed JSON, numbers longer than {@value #MAX_NUMBER_LENGTH} digits, lines longer
 *       than {@value #MAX_LINE_CHARS} chars) is "not metrics".</li>
 *   <li>At most {@value #MAX_VALUES} values per event; the rest are ignored. Duplicate keys: the last wins.</li>
 * </ul>
 * Never throws for any input. Thread-safe.
 */
public final class MetricsParser {

    static final int MAX_LINE_CHARS = 64 * 1024;
    static final int MAX_DEPTH = 8;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_VALUES = 500;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_LINE_CHARS)
                    .build())
            .build();

    /**
     * @param line one line of container output, without its line terminator; {@code null} is "not metrics"
     * @return the metrics in the order they appeared (unmodifiable), or empty if the line is not a metrics event
     */
    public Optional<Map<String, Double>> parse(String line) {
        if (line == null || line.length() > MAX_LINE_CHARS) {
            return Optional.empty();
        }
        String trimmed = line.strip();
        // Cheap pre-check: almost every log line is plain text and must not pay for a parser.
        if (trimmed.length() < 2 || trimmed.charAt(0) != '{' || trimmed.charAt(trimmed.length() - 1) != '}') {
            return Optional.empty();
        }
        try (JsonParser parser = factory.createParser(trimmed)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            readObject(parser, "", metrics);
            if (parser.nextToken() != null) {
                return Optional.empty();
            }
            return metrics.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableMap(metrics));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the fields of the object whose START_OBJECT was just consumed. */
    private static void readObject(JsonParser parser, String prefix, Map<String, Double> metrics)
            throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                readObject(parser, key + ".", metrics);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                double number = parser.getDoubleValue();
                if (Double.isFinite(number) && !key.isEmpty() && metrics.size() < MAX_VALUES) {
                    metrics.put(key, number);
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("malformed object");
        }
    }
}
