package io.jenkins.plugins.mlpipeline.models;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.registry.PlainValues;
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
 * {@code mlArtifact}: registers the next version of a model from exactly one of a training run ({@code run:}, the
 * map mlTrain returned), workspace files ({@code files:}, archived into this build) or a URI ({@code uri:}).
 * Returns the version as a plain map.
 */
public class MlArtifactStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private Map<String, Object> run;
    private String files;
    private String uri;
    private String sha256;
    private Map<String, Object> metadata;
    private String alias;

    @DataBoundConstructor
    public MlArtifactStep(String name) {
        this.name = blankToNull(name);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MlArtifactStepExecution(this, context);
    }

    public String getName() {
        return name;
    }

    public Map<String, Object> getRun() {
        return run;
    }

    /** The map mlTrain returned; copied into plain values (GStrings become Strings). */
    @DataBoundSetter
    public void setRun(Map<String, Object> run) {
        this.run = run == null ? null : PlainValues.mutableCopy(PlainValues.copyOf("run", run));
    }

    public String getFiles() {
        return files;
    }

    @DataBoundSetter
    public void setFiles(String files) {
        this.files = blankToNull(files);
    }

    public String getUri() {
        return uri;
    }

    @DataBoundSetter
    public void setUri(String uri) {
        this.uri = blankToNull(uri);
    }

    public String getSha256() {
        return sha256;
    }

    @DataBoundSetter
    public void setSha256(String sha256) {
        this.sha256 = blankToNull(sha256);
    }

    public Map<String, Object> getMetadata() {
        return metadata;
    }

    @DataBoundSetter
    public void setMetadata(Map<String, Object> metadata) {
        this.metadata = metadata == null ? null : PlainValues.mutableCopy(PlainValues.copyOf("metadata", metadata));
    }

    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = blankToNull(alias);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "mlArtifact";
        }

        @Override
        public String getDisplayName() {
            return "Register a model version";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object name = namedArgs.get("name");
            return name == null ? null : name.toString();
        }
    }
}
