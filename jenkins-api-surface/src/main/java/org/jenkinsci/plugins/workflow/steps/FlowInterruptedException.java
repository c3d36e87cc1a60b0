package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Result;
import java.util.Arrays;
import java.util.List;
import jenkins.model.CauseOfInterruption;

/**
 * Ends a step (and usually the build) with a given result, e.g. ABORTED, and the causes to print.
 *
 * <p>Checked against: jenkinsci/workflow-step-api-plugin:src/main/java/org/jenkinsci/plugins/workflow/steps/FlowInterruptedException.java (public final class extends InterruptedException;
 * public constructor (Result, boolean actualInterruption, CauseOfInterruption...); Result getResult();
 * List&lt;CauseOfInterruption&gt; getCauses(); boolean isActualInterruption(); getMessage() joins the causes' short
 * descriptions with ", "). The deprecated (Result, CauseOfInterruption...) constructor is not declared.
 */
public final class FlowInterruptedException extends InterruptedException {

    private final Result result;
    private final List<CauseOfInterruption> causes;
    private final boolean actualInterruption;

    public FlowInterruptedException(Result result, boolean actualInterruption, CauseOfInterruption... causes) {
        this.result = result;
        this.causes = Arrays.asList(causes);
        this.actualInterruption = actualInterruption;
    }

    public Result getResult() {
        return result;
    }

    public List<CauseOfInterruption> getCauses() {
        return causes;
    }

    public boolean isActualInterruption() {
        return actualInterruption;
    }

    @Override
    public String getMessage() {
        return String.join(", ", causes.stream().map(CauseOfInterruption::getShortDescription).toList());
    }
}
