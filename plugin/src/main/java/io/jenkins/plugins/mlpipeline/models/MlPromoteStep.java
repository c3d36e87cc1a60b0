package io.jenkins.plugins.mlpipeline.models;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code mlPromote}: points an alias of a model at a version, with an audit entry. Returns the change as a map. */
public class MlPromoteStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private Integer version;
    private String alias;

    @DataBoundConstructor
    public MlPromoteStep(String name) {
        this.name = MlArtifactStep.blankToNull(name);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MlPromoteStepExecution(this, context);
    }

    public String getName() {
        return name;
    }

    public Integer getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(Integer version) {
        this.version = version;
    }

    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = MlArtifactStep.blankToNull(alias);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "mlPromote";
        }

        @Override
        public String getDisplayName() {
            return "Move a model alias to a version";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return namedArgs.get("name") + " v" + namedArgs.get("version") + " -> " + namedArgs.get("alias");
        }
    }
}
