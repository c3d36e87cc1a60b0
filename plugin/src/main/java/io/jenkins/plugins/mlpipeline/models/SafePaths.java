package io.jenkins.plugins.mlpipeline.models;

/** Relative paths that stay inside the directory they are resolved against. */
final class SafePaths {

    static final String RULE = "a relative path with '/' separators, no empty, '.' or '..' segments, no '\\' and no"
            + " control characters";

    private SafePaths() {
    }

    /** @throws IllegalArgumentException naming the field and the rule */
    static String check(String field, String path) {
        boolean bad = path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0
                || path.chars().anyMatch(Character::isISOControl) || (path.length() > 1 && path.charAt(1) == ':');
        if (!bad) {
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    bad = true;
                    break;
                }
            }
        }
        if (bad) {
            throw new IllegalArgumentException(field + ": '" + path + "' is not allowed; allowed: " + RULE);
        }
        return path;
    }
}
