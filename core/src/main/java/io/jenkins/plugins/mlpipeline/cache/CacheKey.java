package io.jenkins.plugins.mlpipeline.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.mlpipeline.registry.PlainValues;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache key of a run: the SHA-256 (64 lowercase hex digits) of the UTF-8 bytes of a canonical JSON form of
 * its {@link CacheInputs}.
 *
 * <p>The canonical form, fixed here because changing it changes every key:
 * <ul>
 *   <li>one object with the eight fields of {@link CacheInputs} by their record names; every object's keys
 *       sorted by {@link String#compareTo} (so map order never matters); lists keep their order;</li>
 *   <li>no whitespace; {@code null} written as {@code null} (so an absent field differs from an empty one);</li>
 *   <li>strings with Jackson's standard escaping ({@code "} and {@code \} escaped, control characters as
 *       {@code \}{@code uXXXX}, everything else as UTF-8);</li>
 *   <li>numbers as Jackson writes the Java value: integer types in plain decimal, {@code Double}/{@code Float} by
 *       Java's {@code toString} ({@code 1.0}, {@code 1.0E-5}), {@code BigDecimal} by its {@code toString}, keeping
 *       its scale. So {@code lr: 1} and {@code lr: 1.0} are different keys, as the container gets different argv
 *       ({@code --lr=1} versus {@code --lr=1.0}).</li>
 * </ul>
 * Values must be plain (see {@link PlainValues}); anything else is an {@link IllegalArgumentException}.
 */
public final class CacheKey {

    private static final JsonFactory JSON = new JsonFactory();

    private CacheKey() {
    }

    /** The key: SHA-256 hex of {@link #canonicalJson(CacheInputs)}. */
    public static String of(CacheInputs in) {
        byte[] json = canonicalJson(in).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The text that is hashed; worth logging when a cache miss is unexpected (it holds no secrets). */
    public static String canonicalJson(CacheInputs in) {
        if (in == null) {
            throw new IllegalArgumentException("cache inputs: must not be null");
        }
        Map<String, Object> fields = new TreeMap<>();
        fields.put("image", in.image());
        fields.put("command", PlainValues.copyOf("command", in.command()));
        fields.put("args", PlainValues.copyOf("args", in.args()));
        fields.put("params", in.params() == null ? null : PlainValues.copyOf("params", in.params()));
        fields.put("env", in.env() == null ? null : PlainValues.copyOf("env", in.env()));
        fields.put("inputs", in.inputs() == null ? null : PlainValues.copyOf("inputs", in.inputs()));
        fields.put("outputsPath", in.outputsPath());
        fields.put("cacheVersion", in.cacheVersion());
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            write(generator, fields);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /** Writes a value that {@link PlainValues#copyOf} has already checked and normalized. */
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                generator.writeFieldName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Float number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else if (value instanceof Number number) {
            generator.writeNumber(number.longValue()); // Integer, Long, Short, Byte: exact
        } else {
            throw new IllegalStateException("not a plain value: " + value.getClass().getName());
        }
    }
}
