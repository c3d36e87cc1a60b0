package io.jenkins.plugins.mlpipeline.spec;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An administrator's policy on which images training may run: a regular expression the whole image reference must
 * match (for example {@code registry\.example\.com/ml/.*}). Blank means any image.
 */
public final class AllowedImages {

    private final Pattern pattern;

    private AllowedImages(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException naming {@code allowedImages} if the expression does not compile
     */
    public static AllowedImages of(String regex) {
        if (regex == null || regex.isBlank()) {
            return new AllowedImages(null);
        }
        try {
            return new AllowedImages(Pattern.compile(regex.trim()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("allowedImages: '" + regex + "' is not a valid regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** A syntax problem of {@code regex} for a form check, or empty if it is usable. */
    public static Optional<String> problem(String regex) {
        try {
            of(regex);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * @throws IllegalArgumentException naming the image and the pattern when the image is not allowed
     */
    public void check(String image) {
        if (pattern != null && (image == null || !pattern.matcher(image).matches())) {
            throw new IllegalArgumentException("image: '" + image + "' is not allowed by the administrator's policy;"
                    + " images must match the pattern " + pattern.pattern()
                    + " (Manage Jenkins > System > ML Pipeline > Allowed images)");
        }
    }
}
