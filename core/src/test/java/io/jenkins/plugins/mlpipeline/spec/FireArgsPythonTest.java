package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Runs the rendered flags through a real python3 with the same parsing python-fire applies (fire/core.py splits
 * {@code --key=value}, fire/parser.py {@code DefaultParseValue} evaluates the value), and compares the Python value
 * with the Java one, types included. Skipped when python3 is not installed.
 */
class FireArgsPythonTest {

    /**
     * Our own restatement of Fire's rules (not Fire's code): strip leading dashes, split at the first '=', '-' to
     * '_' in the key; parse the value as an expression, keep the text if it is a top-level binary operation or does
     * not parse or is not a literal once bare names (other than True/False/None) are read as strings.
     */
    private static final String FIRE_CHECK = String.join("\n",
            "import ast, json, math, sys",
            "class BareNamesAsStrings(ast.NodeTransformer):",
            "    def visit_Name(self, node):",
            "        if node.id in ('True', 'False', 'None'):",
            "            return node",
            "        return ast.copy_location(ast.Constant(node.id), node)",
            "def fire_value(text):",
            "    try:",
            "        tree = ast.parse(text, mode='eval')",
            "        if isinstance(tree.body, ast.BinOp):",
            "            return text",
            "        return ast.literal_eval(BareNamesAsStrings().visit(tree))",
            "    except (SyntaxError, ValueError):",
            "        return text",
            "def build(e):",
            "    t = e['t']",
            "    if t == 'str': return e['v']",
            "    if t == 'int': return int(e['v'])",
            "    if t == 'float': return float(e['v'])",
            "    if t == 'bool': return e['v']",
            "    if t == 'none': return None",
            "    if t == 'list': return [build(x) for x in e['v']]",
            "    return {k: build(v) for k, v in e['v']}",
            "def same(a, b):",
            "    if type(a) is not type(b): return False",
            "    if isinstance(a, list): return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))",
            "    if isinstance(a, dict): return list(a) == list(b) and all(same(a[k], b[k]) for k in a)",
            "    if isinstance(a, float): return a == b and math.copysign(1, a) == math.copysign(1, b)",
            "    return a == b",
            "expected = json.loads(sys.stdin.buffer.read().decode('ascii'))",
            "failures = 0",
            "for arg, want in zip(sys.argv[1:], expected):",
            "    key, raw = arg.lstrip('-').split('=', 1)",
            "    key = key.replace('-', '_')",
            "    got = fire_value(raw)",
            "    if key != want['key'] or not same(got, build(want['value'])):",
            "        failures += 1",
            "        print('MISMATCH', ascii(arg), ascii(key), ascii(got), ascii(build(want['value'])))",
            "print('CHECKED', len(expected), 'FAILURES', failures)");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @BeforeAll
    static void needsPython() {
        Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed; skipping the Fire cross-check");
    }

    @Test
    void everyTableRowArrivesWithTheMeantTypeAndValue() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        List<Arguments> rows = FireArgsTest.renderingTable().toList();
        for (int i = 0; i < rows.size(); i++) {
            params.put("p" + i, rows.get(i).get()[0]);
        }
        params.put("learning-rate", 0.5);
        assertThat(checkWithPython(params)).contains("CHECKED " + params.size() + " FAILURES 0")
                .doesNotContain("MISMATCH");
    }

    /** Random strings built from the characters Fire treats specially must all arrive as the same string. */
    @Test
    void randomStringsArriveUnchanged() throws Exception {
        String alphabet = "aZ_09 ./:@%+=~-,#'\"\\()[]{}!$&*;<>?^|`\t\nxeEjJ\u00e9\u65e5\ud83d\ude00\u0000";
        int[] codePoints = alphabet.codePoints().toArray();
        Random random = new Random(20240611L);
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(7);
            for (int j = 0; j < length; j++) {
                text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            params.put("s" + i, text.toString());
        }
        for (String word : List.of("True", "False", "None", "inf", "nan", "Ellipsis", "lambda", "if", "not", "j")) {
            params.put("w" + params.size(), word);
        }
        assertThat(checkWithPython(params)).contains("CHECKED " + params.size() + " FAILURES 0")
                .doesNotContain("MISMATCH");
    }

    /** The check can fail: an unquoted numeric string is reported as a mismatch. */
    @Test
    void theCheckDetectsAStringFireWouldTurnIntoAFloat() throws Exception {
        String output = runPython(List.of("--lr=1.10"), expectations(Map.of("lr", "1.10")));
        assertThat(output).contains("MISMATCH").contains("FAILURES 1");
    }

    private static String checkWithPython(Map<String, Object> params) throws Exception {
        List<String> argv = FireArgs.render(params);
        assertThat(argv).allSatisfy(arg -> assertThat(arg).matches("[\\x20-\\x7e]*"));
        return runPython(argv, expectations(params));
    }

    private static ArrayNode expectations(Map<String, Object> params) {
        ArrayNode expected = JSON.arrayNode();
        params.forEach((key, value) -> {
            ObjectNode entry = expected.addObject();
            entry.put("key", key.replace('-', '_'));
            entry.set("value", tagged(value));
        });
        return expected;
    }

    /** The Java value as JSON tagged with the Python type it must arrive as. */
    private static JsonNode tagged(Object value) {
        ObjectNode node = JSON.objectNode();
        if (value == null) {
            node.put("t", "none");
        } else if (value instanceof Boolean) {
            node.put("t", "bool").put("v", (Boolean) value);
        } else if (value instanceof CharSequence || value instanceof Character) {
            node.put("t", "str").put("v", value.toString());
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            node.put("t", "float").put("v", value.toString());
        } else if (value instanceof Number) {
            node.put("t", "int").put("v", value.toString());
        } else if (value instanceof List) {
            ArrayNode items = node.put("t", "list").putArray("v");
            ((List<?>) value).forEach(item -> items.add(tagged(item)));
        } else {
            ArrayNode entries = node.put("t", "dict").putArray("v");
            ((Map<?, ?>) value).forEach((k, v) -> entries.addArray().add(k.toString()).add(tagged(v)));
        }
        return node;
    }

    private static String runPython(List<String> argv, ArrayNode expected) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", FIRE_CHECK));
        command.addAll(argv);
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] input = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build()
                .writeValueAsBytes(expected);
        try (OutputStream stdin = python.getOutputStream()) {
            stdin.write(input);
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        assertThat(output).as("python3 output").contains("CHECKED");
        return output;
    }

    private static boolean pythonAvailable() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
