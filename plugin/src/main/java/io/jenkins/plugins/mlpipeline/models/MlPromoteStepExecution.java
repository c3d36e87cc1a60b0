package io.jenkins.plugins.mlpipeline.models;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.registry.AliasChange;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Runs one mlPromote step. */
class MlPromoteStepExecution extends ModelStepExecution {

    private static final long serialVersionUID = 1L;

    private final transient MlPromoteStep step;

    MlPromoteStepExecution(MlPromoteStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    String function() {
        return "mlPromote";
    }

    @Override
    String restartAdvice() {
        return "Look at the model's aliases (Models page) before running it again: the alias may have moved";
    }

    @Override
    void checkBeforeStart(ModelServices services, Run<?, ?> run) throws AbortException {
        ModelNames.model(step.getName());
        if (step.getVersion() == null || step.getVersion() < 1) {
            throw new IllegalArgumentException("version: required, a version number (1, 2, ...); got "
                    + step.getVersion());
        }
        ModelNames.alias(step.getAlias());
        checkPromotion(services, run, step.getName(), step.getAlias());
    }

    @Override
    Object work(ModelServices services, Run<?, ?> run, TaskListener listener) throws Exception {
        AliasChange change = services.registry().promote(step.getName(), step.getVersion(), step.getAlias(),
                services.userOf().apply(run), run.getExternalizableId());
        log(listener, "Model " + step.getName() + ": alias " + change.alias() + " -> version " + change.version()
                + (change.previousVersion() == null ? " (new alias)" : " (was " + change.previousVersion() + ")"));
        KeptBuilds.sync(services.registry(), services.keeper());
        return change.toMap();
    }
}
