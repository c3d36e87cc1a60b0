package io.jenkins.plugins.mlpipeline.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A log line split into the timestamp the kubelet prefixes for {@code timestamps=true} and the container's text.
 *
 * <p>The kubelet writes a fixed 9-digit fraction ({@code 2024-05-01T10:00:00.120000000Z text}); any RFC 3339
 * fraction or offset is accepted. A line without a parsable prefix keeps its whole text and has no timestamp.
 *
 * @param timestamp when the runtime captured the line, or {@code null} if the line had no parsable prefix
 * @param text the line without the prefix and its separating space
 */
public record TimestampedLine(Instant timestamp, String text) {

    /** Longest prefix worth trying: 4+1+2+1+2+1+8 date-time, 1+9 fraction, 6 offset = 35; leave some slack. */
    private static final int MAX_PREFIX_LENGTH = 40;
    private static final int MIN_PREFIX_LENGTH = 20;

    /** Splits {@code raw}; never throws for any input. */
    public static TimestampedLine parse(String raw) {
        if (!looksLikeTimestamp(raw)) {
            return new TimestampedLine(null, raw);
        }
        int space = raw.indexOf(' ');
        if (space > MAX_PREFIX_LENGTH) {
            return new TimestampedLine(null, raw);
        }
        String prefix = space < 0 ? raw : raw.substring(0, space);
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            return new TimestampedLine(null, raw);
        }
        try {
            Instant timestamp = OffsetDateTime.parse(prefix, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return new TimestampedLine(timestamp, space < 0 ? "" : raw.substring(space + 1));
        } catch (DateTimeParseException e) {
            return new TimestampedLine(null, raw);
        }
    }

    /** Cheap shape check so ordinary text never pays for a parse attempt. */
    private static boolean looksLikeTimestamp(String raw) {
        return raw.length() >= MIN_PREFIX_LENGTH
                && Character.isDigit(raw.charAt(0))
                && raw.charAt(4) == '-'
                && raw.charAt(7) == '-'
                && raw.charAt(10) == 'T';
    }
}
