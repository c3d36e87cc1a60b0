package io.jenkins.plugins.mlpipeline.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.mlpipeline.config.MlPipelineConfiguration;
import io.jenkins.plugins.mlpipeline.spec.AllowedImages;
import io.jenkins.plugins.mlpipeline.spec.ByteLimits;
import io.jenkins.plugins.mlpipeline.spec.DurationText;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * docs/operations.md must not drift from the code: every message its troubleshooting section quotes still occurs in
 * the main sources of plugin/ or core/, its RBAC Role grants exactly what the engine calls, and its configuration
 * examples name every global setting with values the settings accept.
 */
class OperationsDocTest {

    private static final Path DOC = Path.of("..", "docs", "operations.md");
    private static final Path STEPS_DOC = Path.of("..", "docs", "steps.md");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "core", "src", "main", "java"));
    private static final Pattern MESSAGE_HEADING = Pattern.compile("^#### `(.+)`$", Pattern.MULTILINE);
    private static final Pattern YAML_BLOCK = Pattern.compile("^```yaml\\n(.*?)^```$",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** group|resource|verb: what core/ calls through fabric8 (see the table in docs/operations.md). */
    private static final Set<String> REQUIRED_RULES = Set.of(
            "batch|jobs|create", "batch|jobs|get", "batch|jobs|list", "batch|jobs|watch", "batch|jobs|patch",
            "batch|jobs|delete",
            "|pods|get", "|pods|list", "|pods|watch",
            "|pods/log|get",
            "|pods/exec|create", "|pods/exec|get",
            "|events|list", "|events|watch");

    private static String doc;
    private static SourceMessages sources;

    @BeforeAll
    static void read() throws IOException {
        doc = Files.readString(DOC);
        sources = SourceMessages.of(SOURCES);
    }

    // ------------------------------------------------------------------ troubleshooting messages

    @Test
    void everyQuotedMessageStillOccursInTheSources() {
        List<String> messages = troubleshootingMessages();
        assertThat(messages).as("messages quoted in docs/operations.md > Troubleshooting").hasSizeGreaterThan(40);
        List<String> missing = messages.stream().filter(m -> !sources.contains(m)).toList();
        assertThat(missing).as("messages quoted in docs/operations.md that no source file of plugin/ or core/ prints"
                + " (placeholders <...> match anything)").isEmpty();
    }

    @Test
    void everyHeadingOfTheTroubleshootingSectionIsAQuotedMessage() {
        String section = section(doc, "## Troubleshooting");
        List<String> odd = section.lines().filter(l -> l.startsWith("#### ") && !MESSAGE_HEADING.matcher(l).matches())
                .toList();
        assertThat(odd).as("#### headings of the troubleshooting section must be one message in backticks").isEmpty();
        for (String message : troubleshootingMessages()) {
            assertThat(SourceMessages.literalLength(message)).as("enough fixed text to identify: " + message)
                    .isGreaterThanOrEqualTo(SourceMessages.MIN_LITERAL_CHARS);
        }
    }

    @Test
    void matcherFindsMessagesBuiltFromLiteralsAndValues() {
        SourceMessages java = SourceMessages.ofText("""
                class A {
                    void f() {
                        throw new X("Job " + ref + " was deleted " // a comment with "quotes"
                                + "outside Jenkins; it had " + n + (n == 1 ? " pod" : " pods") + ".");
                    }
                    String g = "say \\"hi\\" now";
                }
                """);
        assertThat(java.contains("Job <job> was deleted outside Jenkins; it had <n> pods.")).isTrue();
        assertThat(java.contains("Job <job> was deleted outside Jenkins")).isTrue();
        assertThat(java.contains("say \"hi\" now")).isTrue();
    }

    @Test
    void matcherRejectsChangedWordsAndTextSpreadOverStatements() {
        SourceMessages java = SourceMessages.ofText("""
                class A {
                    String a = "Job " + ref + " was deleted";
                    String b = " outside Jenkins";
                    String c = "a comment // is not one";
                    /* "Job was removed outside Jenkins" */
                }
                """);
        assertThat(java.contains("Job <job> was removed outside Jenkins")).isFalse();
        assertThat(java.contains("Job <job> was deleted outside Jenkins")).as("two statements").isFalse();
        assertThat(java.contains("Job <job> was deleted by Jenkins")).isFalse();
        assertThat(java.contains("a comment // is not one")).isTrue();
        assertThat(java.contains("was removed outside Jenkins")).as("text in comments is no message").isFalse();
    }

    @Test
    void realSourcesRejectAMessageTheCodeDoesNotPrint() {
        assertThat(sources.contains("Job <job> was deleted outside Jenkins")).isTrue();
        assertThat(sources.contains("Job <job> was erased outside Jenkins")).isFalse();
        assertThat(sources.contains("the output sidecar had ended before Jenkins could copy them")).isTrue();
        assertThat(sources.contains("the output sidecar had stopped before Jenkins could copy them")).isFalse();
    }

    // ------------------------------------------------------------------ RBAC

    @Test
    void rbacRoleGrantsExactlyWhatTheEngineCalls() throws IOException {
        List<JsonNode> documents = yamlDocumentsWith("kind: Role");
        JsonNode role = ofKind(documents, "Role");
        assertThat(role.path("apiVersion").asText()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(rules(role)).as("group|resource|verb granted by the Role").containsExactlyInAnyOrderElementsOf(
                REQUIRED_RULES);
    }

    @Test
    void rbacRoleBindingBindsThatRoleInItsNamespace() throws IOException {
        List<JsonNode> documents = yamlDocumentsWith("kind: Role");
        JsonNode role = ofKind(documents, "Role");
        JsonNode binding = ofKind(documents, "RoleBinding");
        String namespace = role.path("metadata").path("namespace").asText();
        assertThat(namespace).isNotBlank();
        assertThat(binding.path("metadata").path("namespace").asText()).isEqualTo(namespace);
        assertThat(binding.path("apiVersion").asText()).isEqualTo("rbac.authorization.k8s.io/v1");
        JsonNode roleRef = binding.path("roleRef");
        assertThat(roleRef.path("apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(roleRef.path("kind").asText()).isEqualTo("Role");
        assertThat(roleRef.path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
        assertThat(binding.path("subjects")).isNotEmpty();
        for (JsonNode subject : binding.path("subjects")) {
            assertThat(subject.path("kind").asText()).isIn("ServiceAccount", "User", "Group");
            assertThat(subject.path("name").asText()).isNotBlank();
        }
    }

    @Test
    void ruleExtractionSeesWildcardsAndExtraResources() throws IOException {
        JsonNode role = YAML.readTree("""
                kind: Role
                rules:
                  - apiGroups: [""]
                    resources: ["pods", "secrets"]
                    verbs: ["*"]
                """);
        assertThat(rules(role)).containsExactlyInAnyOrder("|pods|*", "|secrets|*");
        assertThat(rules(role)).isNotEqualTo(REQUIRED_RULES);
    }

    // ------------------------------------------------------------------ global configuration

    @Test
    void settingsTableNamesEverySettingWithTheDefaultsOfTheStepReference() throws IOException {
        Map<String, String> ours = settingsTable(section(doc, "## Global configuration"));
        Map<String, String> stepsDoc = settingsTable(section(Files.readString(STEPS_DOC), "## Global settings"));
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(settingNames());
        assertThat(ours).as("defaults must read as in docs/steps.md > Global settings").isEqualTo(stepsDoc);
    }

    @Test
    void configurationAsCodeSetsEverySettingWithAcceptedValues() throws IOException {
        JsonNode casc = yamlDocumentsWith("unclassified:").get(0);
        JsonNode settings = casc.path("unclassified").path("mlPipeline");
        assertThat(fieldNames(settings)).containsExactlyInAnyOrderElementsOf(settingNames());
        for (String duration : List.of("defaultTimeout", "imagePullGrace", "pendingTimeout")) {
            DurationText.parse(duration, settings.path(duration).asText());
        }
        ByteLimits.parse("outputsMaxBytes", settings.path("outputsMaxBytes").asText());
        assertThat(settings.path("outputsMaxFiles").isInt()).isTrue();
        assertThat(settings.path("outputsMaxFiles").asInt()).isPositive();
        assertThat(settings.path("restrictedPodSecurity").isBoolean()).isTrue();
        // The sidecar image must pass the example's own allow-list, or every run with outputs would be refused.
        AllowedImages.of(settings.path("allowedImages").asText()).check(settings.path("outputsImage").asText());
    }

    @Test
    void configurationAsCodeDefinesTheCloudAndTemplateItRefersTo() throws IOException {
        JsonNode casc = yamlDocumentsWith("unclassified:").get(0);
        JsonNode clouds = casc.path("jenkins").path("clouds");
        assertThat(clouds.isArray()).isTrue();
        JsonNode cloud = clouds.get(0).path("kubernetes");
        String defaultCloud = casc.path("unclassified").path("mlPipeline").path("defaultCloud").asText();
        assertThat(cloud.path("name").asText()).isEqualTo(defaultCloud);
        JsonNode template = cloud.path("templates").get(0);
        assertThat(template.path("name").asText()).isNotBlank();
        assertThat(doc).contains("podTemplate: '" + template.path("name").asText() + "'");
        JsonNode pod = YAML.readTree(template.path("yaml").asText());
        assertThat(pod.path("kind").asText()).isEqualTo("Pod");
        assertThat(pod.path("spec").path("containers").get(0).path("name").asText())
                .as("the template container that gives defaults to the training container").isEqualTo("main");
    }

    @Test
    void aBadExampleValueIsRefused() {
        assertThatThrownBy(() -> DurationText.parse("defaultTimeout", "12 hours"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedImages.of("registry\\.example\\.com/ml/.*").check("busybox:1.37"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> YAML.readTree("unclassified: [mlPipeline: {"))
                .isInstanceOf(IOException.class);
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> troubleshootingMessages() {
        List<String> messages = new ArrayList<>();
        Matcher m = MESSAGE_HEADING.matcher(section(doc, "## Troubleshooting"));
        while (m.find()) {
            messages.add(m.group(1));
        }
        return messages;
    }

    /** The text from {@code heading} (a line of its own) to the next heading of the same level. */
    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as("section " + heading).isGreaterThanOrEqualTo(0);
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = text.indexOf("\n" + level, start + heading.length() + 1);
        return text.substring(start + 1, end < 0 ? text.length() : end + 1);
    }

    /** The YAML documents of the first ```yaml block of operations.md that contains {@code marker}. */
    private static List<JsonNode> yamlDocumentsWith(String marker) throws IOException {
        Matcher m = YAML_BLOCK.matcher(doc);
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                List<JsonNode> documents = new ArrayList<>();
                try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(m.group(1))) {
                    values.forEachRemaining(documents::add);
                } catch (MismatchedInputException e) {
                    throw new AssertionError("YAML block with '" + marker + "' does not parse: " + e.getMessage(), e);
                }
                return documents;
            }
        }
        throw new AssertionError("docs/operations.md has no ```yaml block containing '" + marker + "'");
    }

    private static JsonNode ofKind(List<JsonNode> documents, String kind) {
        List<JsonNode> found = documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(found).as("documents of kind " + kind).hasSize(1);
        return found.get(0);
    }

    private static Set<String> rules(JsonNode role) {
        Set<String> granted = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        granted.add(group.asText() + "|" + resource.asText() + "|" + verb.asText());
                    }
                }
            }
        }
        return granted;
    }

    private static Set<String> settingNames() {
        Set<String> names = new TreeSet<>();
        for (Method method : MlPipelineConfiguration.class.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4));
            }
        }
        assertThat(names).as("@DataBoundSetter methods of MlPipelineConfiguration").hasSizeGreaterThan(5);
        return names;
    }

    /** Rows {@code | `name` | default | ... |} of the first table in {@code section}: name to default. */
    private static Map<String, String> settingsTable(String section) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\|", Pattern.MULTILINE).matcher(section);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).trim());
        }
        return rows;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /**
     * The string literals of Java sources, per statement, to look messages up in. A message is usually built from
     * literals and values ({@code "Job " + ref + " was deleted"}), so a quoted message is matched with its
     * {@code <placeholders>} as wildcards, across literal boundaries, but never across statements.
     */
    static final class SourceMessages {

        static final int MIN_LITERAL_CHARS = 12;
        /** Stands between two string literals of one statement. */
        private static final char LITERAL_BREAK = '\u0001';
        private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>`]+>");

        /** One line per statement: its literals, as written in the source (escapes kept), LITERAL_BREAK before each. */
        private final String statements;

        private SourceMessages(String statements) {
            this.statements = statements;
        }

        static SourceMessages of(List<Path> roots) throws IOException {
            StringBuilder all = new StringBuilder();
            for (Path root : roots) {
                assertThat(root).as("source root").isDirectory();
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                        all.append(literalsByStatement(Files.readString(file))).append('\n');
                    }
                }
            }
            return new SourceMessages(all.toString());
        }

        static SourceMessages ofText(String javaSource) {
            return new SourceMessages(literalsByStatement(javaSource));
        }

        boolean contains(String message) {
            return toPattern(message).matcher(statements).find();
        }

        static int literalLength(String message) {
            return PLACEHOLDER.matcher(message).replaceAll("").length();
        }

        /** Literal characters may have literal breaks between them; a placeholder matches anything in the statement. */
        private static Pattern toPattern(String message) {
            StringBuilder regex = new StringBuilder();
            Matcher placeholders = PLACEHOLDER.matcher(message);
            int at = 0;
            while (placeholders.find()) {
                appendLiteral(regex, message.substring(at, placeholders.start()));
                regex.append("[^\\n]*?");
                at = placeholders.end();
            }
            appendLiteral(regex, message.substring(at));
            return Pattern.compile(regex.toString());
        }

        private static void appendLiteral(StringBuilder regex, String text) {
            for (int i = 0; i < text.length(); i++) {
                if (i > 0) {
                    regex.append(LITERAL_BREAK).append('*');
                }
                char c = text.charAt(i);
                String asWritten = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.valueOf(c);
                regex.append(Pattern.quote(asWritten));
            }
        }

        /** A small Java lexer: comments and char literals skipped, statements end at ; { or }. */
        private static String literalsByStatement(String source) {
            StringBuilder out = new StringBuilder();
            int n = source.length();
            int i = 0;
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    i = endOf(source, "\n", i + 2);
                } else if (source.startsWith("/*", i)) {
                    i = endOf(source, "*/", i + 2);
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = closing(source, "\"\"\"", i + 3);
                    out.append(LITERAL_BREAK).append(source, i + 3, end);
                    i = end + 3;
                } else if (c == '"') {
                    int end = closing(source, "\"", i + 1);
                    out.append(LITERAL_BREAK).append(source, i + 1, end);
                    i = end + 1;
                } else if (c == '\'') {
                    i = closing(source, "'", i + 1) + 1;
                } else {
                    if (c == ';' || c == '{' || c == '}') {
                        out.append('\n');
                    }
                    i++;
                }
            }
            return out.toString();
        }

        private static int endOf(String source, String terminator, int from) {
            int end = source.indexOf(terminator, from);
            return end < 0 ? source.length() : end + terminator.length();
        }

        /** Index of the unescaped {@code quote} closing a literal that starts at {@code from}. */
        private static int closing(String source, String quote, int from) {
            int i = from;
            while (i < source.length()) {
                if (source.charAt(i) == '\\') {
                    i += 2;
                } else if (source.startsWith(quote, i)) {
                    return i;
                } else {
                    i++;
                }
            }
            throw new IllegalArgumentException("unterminated literal starting before index " + from);
        }
    }
}
