package io.jenkins.plugins.mlpipeline.demo.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one build is started: parameter values (others take the Jenkinsfile's defaults), the answer to {@code input},
 * who started it, and the SCM facts declarative checkout would put into {@code env}.
 */
public final class BuildOptions {

    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private Function<InputAnswer.Request, InputAnswer> inputs;
    private String startedBy;
    private String gitCommit;
    private String branch;

    public static BuildOptions defaults() {
        return new BuildOptions();
    }

    public BuildOptions parameter(String name, Object value) {
        parameters.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** Every {@code input} gets this answer. */
    public BuildOptions answerInputs(InputAnswer answer) {
        Objects.requireNonNull(answer, "answer");
        this.inputs = request -> answer;
        return this;
    }

    public BuildOptions answerInputs(Function<InputAnswer.Request, InputAnswer> answers) {
        this.inputs = Objects.requireNonNull(answers, "answers");
        return this;
    }

    /** A "Started by user" cause; without one the build looks started by its cron trigger. */
    public BuildOptions startedBy(String user) {
        this.startedBy = user;
        return this;
    }

    /** {@code env.GIT_COMMIT}, as declarative checkout sets it. */
    public BuildOptions gitCommit(String commit) {
        this.gitCommit = commit;
        return this;
    }

    /** {@code env.BRANCH_NAME}, as a multibranch job sets it (read by {@code when { branch ... }}). */
    public BuildOptions branch(String name) {
        this.branch = name;
        return this;
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    Function<InputAnswer.Request, InputAnswer> inputs() {
        return inputs;
    }

    String startedBy() {
        return startedBy;
    }

    String gitCommit() {
        return gitCommit;
    }

    String branch() {
        return branch;
    }
}
