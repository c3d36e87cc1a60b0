package io.jenkins.plugins.mlpipeline.spec;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations users write in a Jenkinsfile or a configuration form: {@code 24h}, {@code 90m},
 * {@code 3600s}, {@code 7d}, combinations such as {@code 1h30m}, or a bare number meaning minutes ({@code 90},
 * like the {@code timeout} step's default unit). Whole seconds only: Kubernetes deadlines have no finer unit.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+[dhms])+");
    private static final String EXAMPLES = "write a number of minutes (90) or a number with a unit d, h, m or s"
            + " (24h, 90m, 3600s, 1h30m)";

    private DurationText() {
    }

    /**
     * @param field named in the error message, e.g. {@code timeout}
     * @param text  a {@link String} or a {@link Number} of minutes
     * @throws IllegalArgumentException naming the field and the accepted forms
     */
    public static Duration parse(String field, Object text) {
        if (text == null) {
            throw new IllegalArgumentException(field + ": must not be empty; " + EXAMPLES);
        }
        if (text instanceof Number) {
            return minutes(field, text, ((Number) text).doubleValue());
        }
        String value = text.toString().trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + ": must not be empty; " + EXAMPLES);
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return minutes(field, text, Double.parseDouble(value));
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration; " + EXAMPLES);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is too large", e);
        }
        return positive(field, text, total);
    }

    private static Duration minutes(String field, Object text, double minutes) {
        if (Double.isNaN(minutes) || Double.isInfinite(minutes) || minutes > Long.MAX_VALUE / 60.0) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a usable number of minutes");
        }
        return positive(field, text, Duration.ofSeconds(Math.round(minutes * 60)));
    }

    private static Duration positive(String field, Object text, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + ": must be longer than zero, got '" + text + "'");
        }
        return d;
    }
}
