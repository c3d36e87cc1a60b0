package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

/**
 * The descriptor of a {@link Step}: its function name and the context it needs.
 *
 * <p>Checked against: jenkinsci/workflow-step-api-plugin:src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java (public abstract class extends Descriptor&lt;Step&gt;; no explicit
 * constructor, so the implicit one is public; public abstract
 * Set&lt;? extends Class&lt;?&gt;&gt; getRequiredContext(); public abstract String getFunctionName();
 * public String argumentsToString(Map&lt;String, Object&gt;), not final).
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public String argumentsToString(Map<String, Object> namedArgs) {
        return null;
    }
}
