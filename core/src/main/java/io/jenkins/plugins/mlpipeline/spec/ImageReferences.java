package io.jenkins.plugins.mlpipeline.spec;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sanity check of a container image reference, following the grammar of the OCI distribution reference
 * ({@code distribution/reference} {@code reference.go}: {@code [domain[:port]/]path[:tag][@digest]}, path
 * components lower-case). Kubernetes itself only rejects empty images; a bad reference otherwise surfaces
 * much later as the kubelet's {@code InvalidImageName}, so we catch it when the spec is built.
 */
final class ImageReferences {

    static final String EXAMPLE = "registry.example.com:5000/team/trainer:1.4";

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    /** name, then an optional tag, then an optional digest; the tag may not contain '/' or ':'. */
    private static final Pattern REFERENCE = Pattern.compile("([^@]+?)(?::([^:/@]+))?(?:@(.+))?");

    private ImageReferences() {
    }

    /** The problem with {@code image}, or empty if it is a plausible reference. */
    static Optional<String> check(String image) {
        if (image == null || image.isBlank()) {
            return Optional.of("image: must not be empty (example: " + EXAMPLE + ")");
        }
        if (image.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("image: '" + image + "' contains whitespace; an image reference is"
                    + " [registry[:port]/]repository[:tag][@digest] without spaces (example: " + EXAMPLE + ")");
        }
        Matcher parts = REFERENCE.matcher(image);
        if (!parts.matches()) {
            return invalid(image);
        }
        String name = parts.group(1);
        String tag = parts.group(2);
        String digest = parts.group(3);
        String domain = null;
        String path = name;
        int slash = name.indexOf('/');
        if (slash >= 0 && looksLikeDomain(name.substring(0, slash))) {
            domain = name.substring(0, slash);
            path = name.substring(slash + 1);
        }
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            return invalid(image);
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            return Optional.of("image: '" + image + "' has upper-case letters in the repository part '" + path
                    + "'; repository names must be lower-case (example: " + EXAMPLE + ")");
        }
        boolean valid = PATH.matcher(path).matches()
                && (tag == null || TAG.matcher(tag).matches())
                && (digest == null || DIGEST.matcher(digest).matches());
        return valid ? Optional.empty() : invalid(image);
    }

    /**
     * The distribution rule for telling a registry from the first path component: it has a '.' or a ':', is
     * {@code localhost}, or has upper-case letters (path components never do).
     */
    private static boolean looksLikeDomain(String firstComponent) {
        return firstComponent.contains(".") || firstComponent.contains(":") || firstComponent.equals("localhost")
                || !firstComponent.equals(firstComponent.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> invalid(String image) {
        return Optional.of("image: '" + image + "' is not a valid image reference; expected"
                + " [registry[:port]/]repository[:tag][@algorithm:hex-digest], repository in lower-case letters,"
                + " digits and the separators '.', '_', '__', '-' (example: " + EXAMPLE + ")");
    }
}
