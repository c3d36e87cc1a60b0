package io.jenkins.plugins.mlpipeline.demo.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;

/** How numbers, sizes and digests are written in the report: short, locale-independent, never throwing. */
final class Formats {

    /** Hex digits shown of a SHA-256 or a git commit; the full value is in the element's tooltip. */
    static final int SHORT_HASH = 12;

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Formats() {
    }

    /**
     * Integers as they are, other numbers with up to 6 significant digits ({@code 0.123457}, {@code 1.5e-07}),
     * non-finite ones as {@code NaN}, {@code Infinity}, {@code -Infinity}.
     */
    static String number(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        }
        return significant(number.doubleValue(), 6);
    }

    /** {@code value} rounded to {@code digits} significant digits, without trailing zeros. */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 15) {
            return rounded.toPlainString();
        }
        String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /** Bytes in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 23.4 MiB}. */
    static String bytes(double bytes) {
        if (!Double.isFinite(bytes) || bytes < 0) {
            return Values.NONE;
        }
        int unit = 0;
        double scaled = bytes;
        while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
            scaled /= 1024;
            unit++;
        }
        if (unit == 0) {
            return String.format(Locale.ROOT, "%.0f B", scaled);
        }
        return String.format(Locale.ROOT, scaled < 10 ? "%.2f %s" : "%.1f %s", scaled, BYTE_UNITS[unit]);
    }

    /**
     * The first {@link #SHORT_HASH} characters of a digest or commit; an image reference or digest with
     * {@code sha256:} keeps that prefix ({@code trainer@sha256:0123...} becomes {@code sha256:0123456789ab}).
     */
    static String shortHash(String hash) {
        if (hash == null) {
            return Values.NONE;
        }
        String digest = hash;
        int algorithm = digest.lastIndexOf("sha256:");
        if (algorithm >= 0) {
            String hex = digest.substring(algorithm + "sha256:".length());
            return "sha256:" + hex.substring(0, Math.min(SHORT_HASH, hex.length()));
        }
        return digest.length() <= SHORT_HASH ? digest : digest.substring(0, SHORT_HASH);
    }
}
