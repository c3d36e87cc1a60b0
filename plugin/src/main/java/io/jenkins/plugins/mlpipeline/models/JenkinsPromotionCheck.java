package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Item;
import hudson.model.Run;

/**
 * Moving an alias needs Job/Configure on the job whose build moves it, checked as the build's authentication.
 * Pipeline runs a build as SYSTEM unless an Authorize Project strategy is configured, so by default every build
 * passes; with "run as the user who triggered the build", a user who may only start the job cannot promote.
 */
final class JenkinsPromotionCheck implements PromotionCheck {

    @Override
    public void check(Run<?, ?> run, String model, String alias) {
        run.getParent().checkPermission(Item.CONFIGURE);
    }
}
