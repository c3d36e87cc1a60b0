package io.jenkins.plugins.mlpipeline.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kubernetes name grammars the API server enforces (k8s apimachinery {@code util/validation/validation.go}:
 * {@code IsDNS1123Label}, {@code IsDNS1123Subdomain}, {@code IsQualifiedName}, {@code IsValidLabelValue},
 * {@code IsEnvVarName}, {@code IsConfigMapKey}). Checking them here turns a late, terse API-server rejection
 * into an early message that names the spec field.
 *
 * <p>Each {@code check...} method returns the problem sentence, or empty when the value is valid.
 */
public final class KubernetesNames {

    public static final int DNS1123_LABEL_MAX = 63;
    public static final int DNS1123_SUBDOMAIN_MAX = 253;
    public static final int QUALIFIED_NAME_MAX = 63;
    public static final int LABEL_VALUE_MAX = 63;

    private static final String LABEL_PART = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL_PART);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL_PART + "(\\." + LABEL_PART + ")*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private static final String LABEL_RULE = "lower-case letters, digits and '-', starting and ending with a letter"
            + " or digit, at most " + DNS1123_LABEL_MAX + " characters";
    private static final String SUBDOMAIN_RULE = "lower-case letters, digits, '-' and '.', starting and ending with"
            + " a letter or digit, at most " + DNS1123_SUBDOMAIN_MAX + " characters";
    private static final String NAME_PART_RULE = "letters, digits, '-', '_' and '.', starting and ending with a"
            + " letter or digit, at most " + QUALIFIED_NAME_MAX + " characters";

    private KubernetesNames() {
    }

    public static boolean isDns1123Label(String value) {
        return value != null && value.length() <= DNS1123_LABEL_MAX && DNS1123_LABEL.matcher(value).matches();
    }

    public static boolean isDns1123Subdomain(String value) {
        return value != null && value.length() <= DNS1123_SUBDOMAIN_MAX
                && DNS1123_SUBDOMAIN.matcher(value).matches();
    }

    /** A label or annotation key: {@code name} or {@code prefix/name}, prefix a DNS-1123 subdomain. */
    public static boolean isQualifiedName(String value) {
        return value != null && checkQualifiedName("", value).isEmpty();
    }

    public static boolean isLabelValue(String value) {
        return value != null && (value.isEmpty()
                || value.length() <= LABEL_VALUE_MAX && QUALIFIED_NAME_PART.matcher(value).matches());
    }

    public static Optional<String> checkDns1123Label(String field, String value) {
        if (isDns1123Label(value)) {
            return Optional.empty();
        }
        return Optional.of(field + ": " + quote(value) + " is not a valid name; use " + LABEL_RULE
                + " (example: team-a)");
    }

    public static Optional<String> checkDns1123Subdomain(String field, String value) {
        if (isDns1123Subdomain(value)) {
            return Optional.empty();
        }
        return Optional.of(field + ": " + quote(value) + " is not a valid name; use " + SUBDOMAIN_RULE
                + " (example: registry-creds)");
    }

    /** Label, annotation and node-selector keys. */
    public static Optional<String> checkQualifiedName(String field, String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of(field + ": key must not be empty");
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (!isDns1123Subdomain(prefix)) {
                return Optional.of(field + ": key " + quote(key) + " has an invalid prefix " + quote(prefix)
                        + "; the part before '/' must be a DNS subdomain (" + SUBDOMAIN_RULE
                        + ", example: example.com/team)");
            }
        }
        if (name.length() > QUALIFIED_NAME_MAX || !QUALIFIED_NAME_PART.matcher(name).matches()) {
            return Optional.of(field + ": key " + quote(key) + " is not a valid key; the name part must use "
                    + NAME_PART_RULE + ", optionally after a DNS-subdomain prefix and '/' (example: example.com/team)");
        }
        return Optional.empty();
    }

    public static Optional<String> checkLabelValue(String field, String value) {
        if (isLabelValue(value)) {
            return Optional.empty();
        }
        return Optional.of(field + ": value " + quote(value) + " is not a valid label value; use at most "
                + LABEL_VALUE_MAX + " characters of letters, digits, '-', '_' and '.', starting and ending with a"
                + " letter or digit (or an empty value)");
    }

    public static Optional<String> checkEnvVarName(String field, String name) {
        if (name != null && ENV_VAR_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(field + ": " + quote(name) + " is not a valid environment variable name; use letters,"
                + " digits, '_', '-' and '.', not starting with a digit (example: LEARNING_RATE)");
    }

    /** Keys inside a Secret or ConfigMap. */
    public static Optional<String> checkSecretKey(String field, String key) {
        if (key != null && key.length() <= DNS1123_SUBDOMAIN_MAX && CONFIG_MAP_KEY.matcher(key).matches()
                && !key.equals(".") && !key.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(field + ": " + quote(key) + " is not a valid secret key; use letters, digits, '-', '_'"
                + " and '.', at most " + DNS1123_SUBDOMAIN_MAX + " characters (example: token)");
    }

    /** Quotes a user value for a message; {@code null} reads as "null" so the message still makes sense. */
    static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
