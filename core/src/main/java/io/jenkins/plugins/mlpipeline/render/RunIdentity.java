package io.jenkins.plugins.mlpipeline.render;

import java.util.Objects;
import java.util.Optional;

/**
 * Who launched a training run: a caller-supplied id that is the same every time the same step of the same build
 * asks again (for example {@code folder/job#42/step-7}), plus optional lineage. The id alone decides the Job name,
 * which is what lets a retried or resumed step find its Job instead of creating a second one.
 */
public final class RunIdentity {

    /** Generous for Jenkins full names, small enough to keep annotations and messages sane. */
    public static final int MAX_LENGTH = 1024;

    private final String id;
    private final String buildUrl;
    private final String gitCommit;

    private RunIdentity(String id, String buildUrl, String gitCommit) {
        this.id = id;
        this.buildUrl = buildUrl;
        this.gitCommit = gitCommit;
    }

    public static RunIdentity of(String id) {
        return of(id, null, null);
    }

    /**
     * @param buildUrl optional, {@code null} or blank when unknown
     * @param gitCommit optional, {@code null} or blank when unknown
     * @throws IllegalArgumentException naming the field when a value is unusable
     */
    public static RunIdentity of(String id, String buildUrl, String gitCommit) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("run identity: id must not be blank (example: folder/job#42/step-7)");
        }
        check("id", id);
        String url = blankToNull(buildUrl);
        String commit = blankToNull(gitCommit);
        if (url != null) {
            check("buildUrl", url);
        }
        if (commit != null) {
            check("gitCommit", commit);
        }
        return new RunIdentity(id, url, commit);
    }

    private static void check(String field, String value) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("run identity: " + field + " must be at most " + MAX_LENGTH
                    + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("run identity: " + field + " must not contain control characters"
                    + " such as line breaks");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getId() {
        return id;
    }

    public Optional<String> getBuildUrl() {
        return Optional.ofNullable(buildUrl);
    }

    public Optional<String> getGitCommit() {
        return Optional.ofNullable(gitCommit);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RunIdentity)) {
            return false;
        }
        RunIdentity that = (RunIdentity) other;
        return id.equals(that.id) && Objects.equals(buildUrl, that.buildUrl)
                && Objects.equals(gitCommit, that.gitCommit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, buildUrl, gitCommit);
    }

    @Override
    public String toString() {
        return id;
    }
}
