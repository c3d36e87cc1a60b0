package io.jenkins.plugins.mlpipeline.status;

import java.time.Duration;

/** Formats durations the way a build log reader wants them: {@code 3m}, {@code 2h 5m}, {@code 45s}, {@code 1.5s}. */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration d) {
        if (d == null) {
            return "?";
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long seconds = d.getSeconds();
        if (seconds < 10 && d.toMillis() % 1000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        StringBuilder sb = new StringBuilder();
        append(sb, days, "d");
        append(sb, hours, "h");
        append(sb, minutes, "m");
        if (days == 0 && hours == 0) {
            append(sb, secs, "s");
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }

    private static void append(StringBuilder sb, long value, String unit) {
        if (value > 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(value).append(unit);
        }
    }
}
