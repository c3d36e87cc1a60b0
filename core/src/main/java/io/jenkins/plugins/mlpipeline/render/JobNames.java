package io.jenkins.plugins.mlpipeline.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives the Job name from the run identity: a readable prefix (the spec's name, else the identity) and a hash
 * of the identity, e.g. {@code folder-job-42-step-7-3f2a9c01b4}. The same identity always gives the same name,
 * which makes launching idempotent; the hash keeps identities that read alike apart.
 */
public final class JobNames {

    /**
     * The Job controller names pods {@code <job>-} plus 5 random characters, and the API server cuts such a
     * generateName base to 58 characters (k8s apiserver {@code storage/names/generate.go}), so any Job name up to
     * 57 characters gives untruncated pod names. We stop at 52, the limit Kubernetes uses for CronJob names, so an
     * Indexed Job ({@code <job>-<index>-}, index up to 9999) would still fit.
     */
    public static final int MAX_LENGTH = 52;

    /** 40 bits: a collision needs about a million runs sharing one prefix before it becomes likely at all. */
    static final int HASH_LENGTH = 10;

    private static final int PREFIX_MAX = MAX_LENGTH - 1 - HASH_LENGTH;
    private static final String FALLBACK_PREFIX = "run";

    private JobNames() {
    }

    public static String jobName(RunIdentity identity, String specName) {
        return jobName(identity.getId(), specName);
    }

    /**
     * A DNS-1123 label of at most {@link #MAX_LENGTH} characters.
     *
     * @param specName optional display name; used as the prefix when it has any letter or digit
     */
    public static String jobName(String identity, String specName) {
        String prefix = specName == null ? "" : readablePart(specName);
        if (prefix.isEmpty()) {
            prefix = readablePart(identity);
        }
        if (prefix.isEmpty()) {
            prefix = FALLBACK_PREFIX;
        }
        return prefix + "-" + runHash(identity);
    }

    /** The label value tying Job and pods to the identity; also the suffix of the Job name. */
    public static String runHash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /**
     * Lower-case ASCII letters and digits joined by single dashes, accents dropped ({@code Café} becomes
     * {@code cafe}), cut to the room left beside the hash.
     */
    private static String readablePart(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String dashed = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String trimmed = trimDashes(dashed);
        if (trimmed.length() > PREFIX_MAX) {
            trimmed = trimDashes(trimmed.substring(0, PREFIX_MAX));
        }
        return trimmed;
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
