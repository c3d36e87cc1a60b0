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
        if (space == KUBELET_PREFIX_LENGTH) {
            Instant fast = parseKubeletFormat(raw);
            if (fast != null) {
                return new TimestampedLine(fast, raw.substring(space + 1));
            }
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

    /** {@code 2024-05-01T10:00:00.120000000Z}: the kubelet's fixed format (RFC3339NanoFixed, UTC). */
    private static final int KUBELET_PREFIX_LENGTH = 30;

    /**
     * The kubelet's fixed format read digit by digit: every log line has one, and the general parser costs more
     * than the rest of the line's handling. Returns null for anything else, which then takes the general path.
     */
    static Instant parseKubeletFormat(String raw) {
        if (raw.charAt(13) != ':' || raw.charAt(16) != ':' || raw.charAt(19) != '.' || raw.charAt(29) != 'Z') {
            return null;
        }
        int year = digits(raw, 0, 4);
        int month = digits(raw, 5, 2);
        int day = digits(raw, 8, 2);
        int hour = digits(raw, 11, 2);
        int minute = digits(raw, 14, 2);
        int second = digits(raw, 17, 2);
        int nanos = digits(raw, 20, 9);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code count} digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
