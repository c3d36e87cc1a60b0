package io.jenkins.plugins.mlpipeline.spec;

import java.util.List;

/**
 * Thrown when a training spec (or one of its parts) is invalid. It carries every problem found, not just the
 * first, so a user fixes a Jenkinsfile in one round. Each problem names the field and what is allowed.
 */
public final class SpecValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public SpecValidationException(List<String> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecValidationException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, one sentence each, in the order the fields were checked. */
    public List<String> getProblems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid training spec: " + problems.get(0);
        }
        StringBuilder text = new StringBuilder("Invalid training spec (" + problems.size() + " problems):");
        for (String problem : problems) {
            text.append("\n - ").append(problem);
        }
        return text.toString();
    }
}
