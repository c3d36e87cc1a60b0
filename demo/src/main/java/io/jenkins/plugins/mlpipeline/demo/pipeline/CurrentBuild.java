package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.model.Result;

/**
 * {@code currentBuild} of a Jenkinsfile: the properties the examples read and set. {@code result} is null until
 * something made the build worse than SUCCESS, and setting it can only make the build worse, as in Jenkins.
 */
public final class CurrentBuild {

    private final BuildState build;

    CurrentBuild(BuildState build) {
        this.build = build;
    }

    public String getResult() {
        Result r = build.explicitResult();
        return r == null ? null : r.toString();
    }

    public void setResult(Object result) {
        build.worsen(parse(String.valueOf(result)));
    }

    public String getCurrentResult() {
        return build.currentResult().toString();
    }

    public int getNumber() {
        return build.run().getNumber();
    }

    public String getId() {
        return String.valueOf(build.run().getNumber());
    }

    public String getDisplayName() {
        return build.displayName();
    }

    public void setDisplayName(Object name) {
        build.displayName(name == null ? null : name.toString());
    }

    public String getDescription() {
        return build.description();
    }

    public void setDescription(Object text) {
        build.description(text == null ? null : text.toString());
    }

    public String getFullDisplayName() {
        return build.run().getParent().getFullName() + " " + build.displayName();
    }

    public String getAbsoluteUrl() {
        return build.harness().buildUrl(build.run());
    }

    static Result parse(String name) {
        return switch (name) {
            case "SUCCESS" -> Result.SUCCESS;
            case "UNSTABLE" -> Result.UNSTABLE;
            case "FAILURE" -> Result.FAILURE;
            case "NOT_BUILT" -> Result.NOT_BUILT;
            case "ABORTED" -> Result.ABORTED;
            default -> throw new JenkinsfileException("currentBuild.result: '" + name
                    + "' is not a result; use SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED");
        };
    }
}
