package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Timestamp formats of the Kubernetes API. */
public final class Timestamps {

    /** {@code metav1.Time}: RFC 3339 with whole seconds, e.g. {@code 2024-05-01T10:00:00Z}. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Kubelet log timestamps: RFC 3339 with a fixed 9-digit fraction ({@code RFC3339NanoFixed}). */
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String seconds(Instant instant) {
        return SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String nanos(Instant instant) {
        return NANOS.format(instant);
    }

    /** Parses an RFC 3339 timestamp (any fraction, any offset); {@code null} for null or unparsable text. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
