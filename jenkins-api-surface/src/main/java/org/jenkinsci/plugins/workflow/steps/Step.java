package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/**
 * A Pipeline step: its configuration, bound from the named arguments of the step call.
 *
 * <p>Checked against: jenkinsci/workflow-step-api-plugin:src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java (public abstract class extends AbstractDescribableImpl&lt;Step&gt; implements
 * ExtensionPoint; public abstract StepExecution start(StepContext) throws Exception; public StepDescriptor
 * getDescriptor(), a covariant override).
 */
@SuppressWarnings("deprecation") // the real Step still extends the deprecated AbstractDescribableImpl
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
