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

/**
 * {@code mlModel}: looks up a model version by alias or number and returns it as a map; with {@code copyTo:} also
 * copies its files into the workspace, checking each against its SHA-256.
 */
public class MlModelStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private String alias;
    private Integer version;
    private String copyTo;

    @DataBoundConstructor
    public MlModelStep(String name) {
        this.name = MlArtifactStep.blankToNull(name);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MlModelStepExecution(this, context);
    }

    public String getName() {
        return name;
    }

    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = MlArtifactStep.blankToNull(alias);
    }

    public Integer getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(Integer version) {
        this.version = version;
    }

    public String getCopyTo() {
        return copyTo;
    }

    @DataBoundSetter
    public void setCopyTo(String copyTo) {
        this.copyTo = MlArtifactStep.blankToNull(copyTo);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "mlModel";
        }

        @Override
        public String getDisplayName() {
            return "Look up a model version";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object alias = namedArgs.get("alias");
            return namedArgs.get("name") + (alias != null ? "@" + alias : " v" + namedArgs.get("version"));
        }
    }
}
