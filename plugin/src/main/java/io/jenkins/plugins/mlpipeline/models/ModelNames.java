package io.jenkins.plugins.mlpipeline.models;

import java.util.regex.Pattern;

/**
 * The registry's rules for names, checked before anything is archived: a model name becomes part of artifact paths.
 * Same patterns as the core registry, which checks them again.
 */
final class ModelNames {

    static final String MODEL_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final String ALIAS_PATTERN = "[A-Za-z][A-Za-z0-9._-]{0,62}";
    private static final Pattern MODEL = Pattern.compile(MODEL_PATTERN);
    private static final Pattern ALIAS = Pattern.compile(ALIAS_PATTERN);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ModelNames() {
    }

    static String model(String name) {
        if (name == null || !MODEL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("name: " + quote(name) + " is not a valid model name; allowed: "
                    + MODEL_PATTERN + " (letters, digits, '.', '_', '-', starting with a letter or digit)");
        }
        return name;
    }

    static String alias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias: " + quote(alias) + " is not a valid alias; allowed: "
                    + ALIAS_PATTERN + " (starts with a letter, so it is never taken for a version number)");
        }
        return alias;
    }

    static String sha256(String field, String sha) {
        if (sha == null || !SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException(field + ": " + quote(sha) + " is not a SHA-256; allowed: 64 lowercase"
                    + " hex digits");
        }
        return sha;
    }

    static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
