package io.jenkins.plugins.mlpipeline.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a Java value as Python literal source that {@code ast.literal_eval} turns back into the same value with
 * the matching Python type: strings become {@code 'quoted'} literals, booleans {@code True}/{@code False},
 * {@code null} {@code None}, numbers decimal literals, lists {@code [...]}, maps {@code {...}}.
 *
 * <p>The output is pure printable ASCII: every other character is escaped, so the text survives any locale and
 * argv encoding on its way into the container. Values Python cannot express as a literal (NaN, infinities, other
 * Java types) are reported as problems naming their path, never silently converted.
 */
final class PythonLiteral {

    /** Deeper nesting is almost certainly a cycle; CPython's parser also gives up at about 200 levels. */
    static final int MAX_DEPTH = 32;

    static final String ALLOWED_TYPES = "a string, a finite number, a boolean, null, a list or a map with string keys";

    private static final BigDecimal LARGEST_DOUBLE = new BigDecimal(Double.MAX_VALUE);

    private PythonLiteral() {
    }

    /**
     * Appends the literal for {@code value} to {@code out}; adds a problem (and appends nothing useful) for
     * anything that has no faithful literal. {@code path} names the value in messages, e.g. {@code params.layers[2]}.
     */
    static void append(StringBuilder out, String path, Object value, List<String> problems) {
        append(out, path, value, problems, 0);
    }

    private static void append(StringBuilder out, String path, Object value, List<String> problems, int depth) {
        if (depth > MAX_DEPTH) {
            problems.add(path + ": nested more than " + MAX_DEPTH + " levels deep (is a list or map inside itself?)");
        } else if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean) {
            out.append((Boolean) value ? "True" : "False");
        } else if (value instanceof CharSequence || value instanceof Character) {
            appendString(out, value.toString());
        } else if (value instanceof Number) {
            appendNumber(out, path, (Number) value, problems);
        } else if (value instanceof List) {
            appendList(out, path, (List<?>) value, problems, depth);
        } else if (value instanceof Map) {
            appendMap(out, path, (Map<?, ?>) value, problems, depth);
        } else {
            problems.add(path + ": values of type " + value.getClass().getName() + " are not supported; use "
                    + ALLOWED_TYPES);
        }
    }

    /** A single-quoted Python string literal with every non-printable or non-ASCII character escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('\'');
        text.codePoints().forEach(codePoint -> appendCodePoint(out, codePoint));
        out.append('\'');
    }

    private static void appendCodePoint(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '\\':
                out.append("\\\\");
                break;
            case '\'':
                out.append("\\'");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (codePoint >= 0x20 && codePoint < 0x7f) {
                    out.append((char) codePoint);
                } else if (codePoint <= 0xff) {
                    out.append(String.format("\\x%02x", codePoint));
                } else if (codePoint <= 0xffff) {
                    // Also covers a lone surrogate, which Python keeps in a str exactly as Java kept it.
                    out.append(String.format("\\u%04x", codePoint));
                } else {
                    out.append(String.format("\\U%08x", codePoint));
                }
        }
    }

    private static void appendNumber(StringBuilder out, String path, Number number, List<String> problems) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger || number instanceof AtomicInteger || number instanceof AtomicLong) {
            out.append(number.toString()); // Python ints are unbounded, so every Java integer fits
        } else if (number instanceof Double || number instanceof Float) {
            appendBinaryFloat(out, path, number, problems);
        } else if (number instanceof BigDecimal) {
            appendBigDecimal(out, path, (BigDecimal) number, problems);
        } else {
            problems.add(path + ": numbers of type " + number.getClass().getName() + " are not supported; use "
                    + ALLOWED_TYPES);
        }
    }

    private static void appendBinaryFloat(StringBuilder out, String path, Number number, List<String> problems) {
        double asDouble = number.doubleValue();
        if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
            problems.add(path + ": " + number + " is not allowed; Python has no literal for NaN or Infinity, so a"
                    + " param must be " + ALLOWED_TYPES);
            return;
        }
        // Java's round-trip text ("0.1", "1.0E-5") is also a valid Python float literal, and Python rounds it to
        // the same double; a Float uses its own shorter text so 0.1f arrives as 0.1, as the user wrote it.
        out.append(number.toString().replace('E', 'e'));
    }

    private static void appendBigDecimal(StringBuilder out, String path, BigDecimal decimal, List<String> problems) {
        // Python reads a decimal literal into a double; refuse what would silently become inf or 0.0.
        if (decimal.abs().compareTo(LARGEST_DOUBLE) > 0) {
            problems.add(path + ": " + decimal + " is too large for a Python float (at most about 1.8e308)");
            return;
        }
        if (decimal.signum() != 0 && decimal.doubleValue() == 0.0) {
            problems.add(path + ": " + decimal + " is too small for a Python float (it would arrive as 0.0)");
            return;
        }
        String plain = decimal.toPlainString();
        out.append(plain);
        if (plain.indexOf('.') < 0) {
            // A BigDecimal is a decimal (Groovy's 2.0 is one); without a point Python would read an int.
            out.append(".0");
        }
    }

    private static void appendList(StringBuilder out, String path, List<?> list, List<String> problems, int depth) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, path + "[" + i + "]", list.get(i), problems, depth + 1);
        }
        out.append(']');
    }

    private static void appendMap(StringBuilder out, String path, Map<?, ?> map, List<String> problems, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            Object key = entry.getKey();
            if (!(key instanceof CharSequence)) {
                problems.add(path + ": map key " + key + (key == null ? "" : " (" + key.getClass().getName() + ")")
                        + " is not supported; map keys must be strings");
                continue;
            }
            appendString(out, key.toString());
            out.append(": ");
            append(out, path + "." + key, entry.getValue(), problems, depth + 1);
        }
        out.append('}');
    }
}
