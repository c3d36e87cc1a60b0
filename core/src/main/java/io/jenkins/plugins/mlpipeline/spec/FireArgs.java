package io.jenkins.plugins.mlpipeline.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders training params as Python Fire flags, so a trainer written with {@code fire.Fire(main)} receives each
 * value with the type the Jenkinsfile author meant.
 *
 * <h2>How Fire reads a flag</h2>
 * Python Fire (google/python-fire, {@code fire/core.py} {@code _ParseKeywordArgs}) splits {@code --key=value} at
 * the first {@code =} and turns {@code -} in the key into {@code _}. It then parses the value with
 * {@code fire/parser.py} {@code DefaultParseValue}: {@code _LiteralEval} parses the text as a Python expression,
 * replaces every bare name other than {@code True}, {@code False} and {@code None} by the string of that name
 * ({@code _Replacement}), refuses a top-level binary operation, and evaluates the result with
 * {@code ast.literal_eval}; if that raises {@code SyntaxError} or {@code ValueError}, the raw text is used as a
 * string. So {@code 1.10} arrives as the float 1.1, {@code 007} as a string, {@code True} as a boolean,
 * {@code a,b} as the tuple ('a', 'b'), {@code adam #2} as {@code 'adam'} (a comment) and {@code adam } without
 * its trailing space. This silently changes the value a user passed as a string (the bug of
 * kubeflow/pipelines#318).
 *
 * <h2>Rendering rules</h2>
 * Each param becomes exactly one argv item {@code --key=value}, never passed through a shell.
 * <ul>
 *   <li><b>Keys</b> are letters, digits, {@code _} and {@code -}, starting with a letter or {@code _}. Two keys
 *       that differ only by {@code -} versus {@code _} are refused because Fire would merge them. A key of one
 *       letter is a Fire shortcut for the only function argument starting with that letter, if the function has
 *       no argument of exactly that name.</li>
 *   <li><b>Strings</b> stay bare when Fire is certain to return them unchanged: they start with a letter,
 *       {@code _} or {@code /}, contain only ASCII letters, digits and {@code _ . / : @ % + = ~ -}, and are not
 *       {@code true}, {@code false} or {@code none} in any letter case ({@code adam}, {@code /data/train.csv},
 *       {@code s3://bucket/key}). Every other string, including the empty one, is written as a single-quoted
 *       Python string literal ({@code '1.10'}, {@code '007'}, {@code 'True'}, {@code 'a,b'}, {@code '-3'}), which
 *       Fire evaluates back to exactly the original string. In a literal, <code>&#92;</code> and {@code '} are
 *       escaped, newline, carriage return and tab become <code>&#92;n &#92;r &#92;t</code>, and every other
 *       character outside printable ASCII becomes <code>&#92;xNN</code>, <code>&#92;uNNNN</code> or
 *       <code>&#92;UNNNNNNNN</code>, so the item is plain ASCII whatever the container's locale.</li>
 *   <li><b>Booleans</b> become {@code True} / {@code False}; <b>null</b> becomes {@code None}.</li>
 *   <li><b>Integers</b> (Integer, Long, Short, Byte, BigInteger) are written as they are and arrive as Python
 *       ints of any size.</li>
 *   <li><b>Double and Float</b> use Java's round-trip text with a lower-case exponent ({@code 0.001},
 *       {@code 1.0e-5}, {@code 2.0}); Python reads the same number as a float. <b>BigDecimal</b> (Groovy's
 *       {@code 0.001}) is written in plain notation, with {@code .0} appended when it has no decimal point so it
 *       stays a float; values beyond the range of a Python float are refused. NaN and infinities are refused:
 *       Python has no literal for them.</li>
 *   <li><b>Lists</b> become Python lists and <b>maps</b> (string keys only) Python dicts, in insertion order;
 *       strings inside them are always quoted.</li>
 *   <li>Any other type is refused with a message naming the param.</li>
 * </ul>
 * A trainer that installs its own parser with {@code fire.decorators.SetParseFns} gets the rendered text instead.
 * The values here are what the program receives; the Job renderer additionally doubles every {@code $} so the
 * kubelet's {@code $(VAR)} expansion of container args leaves them untouched.
 */
public final class FireArgs {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern BARE_STRING = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./:@%+=~-]*");
    /** Fire keeps True/False/None; the lower-case forms read as strings but look like booleans to a reader. */
    private static final Set<String> LOOKS_LIKE_A_CONSTANT = Set.of("true", "false", "none");

    private FireArgs() {
    }

    /**
     * The argv items for {@code params}, in map order.
     *
     * @throws SpecValidationException listing every key or value that cannot be rendered faithfully
     */
    public static List<String> render(Map<String, ?> params) {
        List<String> problems = new ArrayList<>();
        List<String> argv = render(params, problems);
        if (!problems.isEmpty()) {
            throw new SpecValidationException(problems);
        }
        return argv;
    }

    /**
     * The text after {@code --key=} for one value, as Fire must see it.
     *
     * @throws SpecValidationException if the value cannot be rendered faithfully
     */
    public static String renderValue(Object value) {
        List<String> problems = new ArrayList<>();
        String text = renderValue("value", value, problems);
        if (!problems.isEmpty()) {
            throw new SpecValidationException(problems);
        }
        return text;
    }

    /** The problems {@link #render(Map)} would report; empty if the params are fine. */
    static List<String> problems(Map<String, ?> params) {
        List<String> problems = new ArrayList<>();
        render(params, problems);
        return problems;
    }

    private static List<String> render(Map<String, ?> params, List<String> problems) {
        List<String> argv = new ArrayList<>(params.size());
        Map<String, String> keysAsFireSeesThem = new HashMap<>();
        for (Map.Entry<String, ?> param : params.entrySet()) {
            String key = param.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                problems.add("params: key " + KubernetesNames.quote(key) + " is not allowed; use letters, digits,"
                        + " '_' or '-' and start with a letter or '_'");
                continue;
            }
            String fireKey = key.replace('-', '_');
            String clash = keysAsFireSeesThem.putIfAbsent(fireKey, key);
            if (clash != null) {
                problems.add("params: keys '" + clash + "' and '" + key + "' both reach the program as '" + fireKey
                        + "' (Fire turns '-' into '_'); keep only one");
                continue;
            }
            argv.add("--" + key + "=" + renderValue("params." + key, param.getValue(), problems));
        }
        return argv;
    }

    private static String renderValue(String path, Object value, List<String> problems) {
        if (value instanceof CharSequence || value instanceof Character) {
            String text = value.toString();
            return isSafeBare(text) ? text : PythonLiteral.quote(text);
        }
        StringBuilder literal = new StringBuilder();
        PythonLiteral.append(literal, path, value, problems);
        return literal.toString();
    }

    /**
     * True when Fire is certain to return {@code text} unchanged: with only these characters and such a first
     * character, the text is either a plain name (which Fire turns into that same string), or not a literal at
     * all ({@code a.b}, {@code a-b}, {@code /x}, {@code s3://b}), which Fire also returns unchanged.
     */
    static boolean isSafeBare(String text) {
        return BARE_STRING.matcher(text).matches() && !LOOKS_LIKE_A_CONSTANT.contains(text.toLowerCase(Locale.ROOT));
    }
}
