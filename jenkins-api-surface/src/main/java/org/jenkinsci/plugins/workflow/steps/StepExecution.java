package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * The running state of one step call; serialized with the build so it survives a controller restart.
 *
 * <p>Checked against: jenkinsci/workflow-step-api-plugin:src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java (public abstract class implements Serializable; private StepContext
 * field; @Deprecated protected StepExecution(); protected StepExecution(StepContext); public StepContext getContext();
 * public abstract boolean start() throws Exception; public void stop(Throwable) throws Exception, default passing
 * the cause to getContext().onFailure; public void onResume(), default no-op; public String getStatus(), default
 * null; public boolean blocksRestart(), default false).
 *
 * <p>The hooks keep the real defaults here because tests run executions against this module.
 */
public abstract class StepExecution implements Serializable {

    private StepContext context;

    @Deprecated
    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("StepExecution has no StepContext: pass it to the constructor");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }
}
