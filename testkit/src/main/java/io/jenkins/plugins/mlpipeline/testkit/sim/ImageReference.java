package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference as the runtime parses it (grammar of github.com/distribution/reference): optional
 * registry, lowercase path components, optional tag and digest. Gives the fully qualified name the kubelet shows in
 * {@code status.containerStatuses[].image} and a repo digest for {@code imageID}.
 */
public final class ImageReference {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)";
    private static final Pattern REFERENCE = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + COMPONENT + "(?:/" + COMPONENT
            + ")*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?");

    private final String domain;
    private final String path;
    private final String tag;
    private final String digest;

    private ImageReference(String domain, String path, String tag, String digest) {
        this.domain = domain;
        this.path = path;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException with the runtime's wording when it is not a valid reference
     */
    public static ImageReference parse(String image) {
        Matcher matcher = REFERENCE.matcher(image);
        if (!matcher.matches()) {
            String lower = image.toLowerCase(java.util.Locale.ROOT);
            if (!lower.equals(image) && REFERENCE.matcher(lower).matches()) {
                throw new IllegalArgumentException("invalid reference format: repository name must be lowercase");
            }
            throw new IllegalArgumentException("invalid reference format");
        }
        String domain = matcher.group(1);
        String path = matcher.group(2);
        // As in distribution/reference: the first part is a registry only if it looks like a host name.
        if (domain != null && !domain.contains(".") && !domain.contains(":") && !domain.equals("localhost")) {
            path = domain + "/" + path;
            domain = null;
        }
        if (domain == null) {
            domain = "docker.io";
            if (!path.contains("/")) {
                path = "library/" + path;
            }
        }
        return new ImageReference(domain, path, matcher.group(3), matcher.group(4));
    }

    /** {@code docker.io/library/trainer:1}: what the kubelet reports as the container's image. */
    public String qualifiedName() {
        String name = domain + "/" + path;
        if (digest != null && tag == null) {
            return name + "@" + digest;
        }
        return name + ":" + (tag == null ? "latest" : tag);
    }

    /** {@code docker.io/library/trainer@sha256:...}: the repo digest, derived from the reference when none is given. */
    public String imageId(String originalReference) {
        String sha = digest != null ? digest : "sha256:" + sha256(originalReference);
        return domain + "/" + path + "@" + sha;
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
