package io.jenkins.plugins.mlpipeline.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry's input rules. Model names become directory names and aliases must never be mistaken for version
 * numbers, hence the patterns. Every failure is an {@link IllegalArgumentException} naming the field and what is
 * allowed.
 */
final class RegistryValidation {

    static final String MODEL_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final String ALIAS_PATTERN = "[A-Za-z][A-Za-z0-9._-]{0,62}";

    private static final Pattern MODEL = Pattern.compile(MODEL_PATTERN);
    private static final Pattern ALIAS = Pattern.compile(ALIAS_PATTERN);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String PATH_RULE = "a relative path with '/' separators and no empty, '.' or '..'"
            + " segments, no '\\' and no control characters";

    private RegistryValidation() {
    }

    static void checkModel(String model) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("model: " + quote(model) + " is not a valid model name; allowed: "
                    + MODEL_PATTERN + " (letters, digits, '.', '_', '-', starting with a letter or digit, at most"
                    + " 100 characters)");
        }
    }

    static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias: " + quote(alias) + " is not a valid alias; allowed: "
                    + ALIAS_PATTERN + " (starts with a letter so it is never taken for a version number, at most"
                    + " 63 characters)");
        }
    }

    static void checkVersionNumber(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " is not a version number; versions start"
                    + " at 1");
        }
    }

    /** Checks what the records do not check themselves (their maps are already plain values). */
    static void check(NewVersion request) {
        if (request == null) {
            throw new IllegalArgumentException("request: must not be null");
        }
        checkModel(request.model());
        if (request.alias() != null) {
            checkAlias(request.alias());
        }
        List<ModelFile> files = request.files() == null ? List.of() : request.files();
        checkFiles(files);
        checkUri(request.uri(), request.uriSha256());
        if (files.isEmpty() && request.uri() == null) {
            throw new IllegalArgumentException("files/uri: a version needs 'files' or 'uri' (or both); model "
                    + quote(request.model()) + " got neither");
        }
    }

    private static void checkFiles(List<ModelFile> files) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            ModelFile file = files.get(i);
            String field = "files[" + i + "]";
            if (file == null) {
                throw new IllegalArgumentException(field + ": must not be null");
            }
            checkRelativePath(field + ".path", file.path());
            if (!seen.add(file.path())) {
                throw new IllegalArgumentException(field + ".path: " + quote(file.path()) + " is listed twice; each"
                        + " path may appear once per version");
            }
            if (file.size() < 0) {
                throw new IllegalArgumentException(field + ".size: " + file.size() + " is negative");
            }
            checkSha256(field + ".sha256", file.sha256());
            if (file.buildId() == null || file.buildId().isBlank()) {
                throw new IllegalArgumentException(field + ".buildId: required, the build holding the bytes as"
                        + " job#number");
            }
            checkRelativePath(field + ".artifactPath", file.artifactPath());
        }
    }

    static void checkRelativePath(String field, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(field + ": required; allowed: " + PATH_RULE);
        }
        boolean bad = path.startsWith("/") || path.indexOf('\\') >= 0
                || path.chars().anyMatch(Character::isISOControl);
        if (!bad) {
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    bad = true;
                    break;
                }
            }
        }
        if (bad) {
            throw new IllegalArgumentException(field + ": " + quote(path) + " is not allowed; allowed: " + PATH_RULE);
        }
    }

    private static void checkUri(String uri, String uriSha256) {
        if (uri != null) {
            URI parsed;
            try {
                parsed = new URI(uri);
            } catch (URISyntaxException e) {
                parsed = null;
            }
            if (parsed == null || parsed.getScheme() == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri: " + quote(uri) + " is not an absolute URI; write it with"
                        + " a scheme, e.g. s3://bucket/models/churn/");
            }
        }
        if (uriSha256 != null) {
            if (uri == null) {
                throw new IllegalArgumentException("uriSha256: given without 'uri'");
            }
            checkSha256("uriSha256", uriSha256);
        }
    }

    private static void checkSha256(String field, String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(field + ": " + quote(sha256) + " is not a SHA-256; allowed: 64"
                    + " lowercase hex digits");
        }
    }

    static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    /** "1-5, 7, 9-10" for a sorted list; "none" if empty. Keeps messages short for models with many versions. */
    static String ranges(List<Integer> sorted) {
        if (sorted.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        int start = sorted.get(0);
        int previous = start;
        for (int i = 1; i <= sorted.size(); i++) {
            Integer current = i < sorted.size() ? sorted.get(i) : null;
            if (current == null || current != previous + 1) {
                parts.add(start == previous ? String.valueOf(start) : start + "-" + previous);
                if (current != null) {
                    start = current;
                }
            }
            if (current != null) {
                previous = current;
            }
        }
        return String.join(", ", parts);
    }
}
