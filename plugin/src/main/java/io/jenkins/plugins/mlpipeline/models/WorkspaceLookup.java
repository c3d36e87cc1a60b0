package io.jenkins.plugins.mlpipeline.models;

import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The workspace of a step, or null outside {@code node { }}. */
public interface WorkspaceLookup {

    Workspace of(StepContext context) throws IOException, InterruptedException;
}
