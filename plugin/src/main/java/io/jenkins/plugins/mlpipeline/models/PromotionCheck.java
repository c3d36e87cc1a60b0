package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Run;

/** Decides whether a build may move an alias of a model. */
public interface PromotionCheck {

    /**
     * Called on the Pipeline thread, which runs as the build's authentication; must do no I/O.
     *
     * @throws RuntimeException (Jenkins: an {@code AccessDeniedException}) if the build may not
     */
    void check(Run<?, ?> run, String model, String alias);
}
