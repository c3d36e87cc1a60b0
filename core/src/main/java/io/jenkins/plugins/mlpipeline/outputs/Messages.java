package io.jenkins.plugins.mlpipeline.outputs;

import java.util.Locale;

/** Formatting shared by the error messages of this package; they are written for a build log. */
final class Messages {

    private static final int MAX_QUOTED_CHARS = 200;
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Messages() {
    }

    /**
     * A name or value from the pod, in single quotes, cut after {@value #MAX_QUOTED_CHARS} characters, with control
     * characters escaped: a raw newline in the build log could fake a log line.
     */
    static String quoted(String text) {
        String cut = text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length() + 2).append('\'');
        cut.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append('\'').toString();
    }

    /** {@code 512 bytes}, {@code 1.5 KiB}, {@code 10 GiB}: binary units, at most one decimal. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + (count == 1 ? " byte" : " bytes");
        }
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + BINARY_UNITS[unit];
    }

    /** Like {@link #bytes}, plus the exact count when the short form is rounded: {@code 7.8 KiB (8,000 bytes)}. */
    static String bytesExactly(long count) {
        if (count < 1024) {
            return bytes(count);
        }
        long unit = 1L << (10 * Math.min(BINARY_UNITS.length, (63 - Long.numberOfLeadingZeros(count)) / 10));
        return count % unit == 0 ? bytes(count) : bytes(count) + " (" + count(count) + " bytes)";
    }

    /** {@code 100,000}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
