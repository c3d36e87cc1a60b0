package io.jenkins.plugins.mlpipeline.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlTrain}: runs a containerized training as a Kubernetes batch/v1 Job through a Kubernetes cloud and, by
 * default, waits for it without holding an agent. Every parameter is documented in docs/steps.md and in the
 * help-*.html files beside this class's views. Values are copied into plain Java types as they arrive (see
 * {@link PlainValues}); checking them is left to the engine's spec, which reports every problem at once.
 */
public class MlTrainStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String image;
    private String name;
    private List<String> command;
    private List<String> args;
    private Map<String, Object> params;
    private Map<String, String> env;
    private Map<String, String> secretEnv;
    private Map<String, String> resources;
    private Map<String, String> nodeSelector;
    private List<Map<String, Object>> tolerations;
    private String serviceAccount;
    private List<String> imagePullSecrets;
    private String podTemplate;
    private String podYaml;
    private String cloud;
    private String namespace;
    private String timeout;
    private int retries;
    private boolean wait = true;
    private boolean quiet;
    private String outputs;
    private Map<String, Object> inputs;
    private boolean cache;
    private String cacheVersion;

    @DataBoundConstructor
    public MlTrainStep(String image) {
        this.image = PlainValues.blankToNull(image);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MlTrainStepExecution(this, context);
    }

    public String getImage() {
        return image;
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = PlainValues.blankToNull(name);
    }

    public List<String> getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(List<String> command) {
        this.command = PlainValues.strings("command", command);
    }

    public List<String> getArgs() {
        return args;
    }

    @DataBoundSetter
    public void setArgs(List<String> args) {
        this.args = PlainValues.strings("args", args);
    }

    public Map<String, Object> getParams() {
        return params;
    }

    @DataBoundSetter
    @SuppressWarnings("unchecked")
    public void setParams(Map<String, Object> params) {
        this.params = (Map<String, Object>) PlainValues.plain(params);
    }

    public Map<String, String> getEnv() {
        return env;
    }

    @DataBoundSetter
    public void setEnv(Map<String, String> env) {
        this.env = PlainValues.strings("env", env);
    }

    public Map<String, String> getSecretEnv() {
        return secretEnv;
    }

    @DataBoundSetter
    public void setSecretEnv(Map<String, String> secretEnv) {
        this.secretEnv = PlainValues.strings("secretEnv", secretEnv);
    }

    public Map<String, String> getResources() {
        return resources;
    }

    @DataBoundSetter
    public void setResources(Map<String, String> resources) {
        this.resources = PlainValues.strings("resources", resources);
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    @DataBoundSetter
    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = PlainValues.strings("nodeSelector", nodeSelector);
    }

    public List<Map<String, Object>> getTolerations() {
        return tolerations;
    }

    @DataBoundSetter
    @SuppressWarnings("unchecked")
    public void setTolerations(List<Map<String, Object>> tolerations) {
        this.tolerations = (List<Map<String, Object>>) PlainValues.plain(tolerations);
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    @DataBoundSetter
    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = PlainValues.blankToNull(serviceAccount);
    }

    public List<String> getImagePullSecrets() {
        return imagePullSecrets;
    }

    @DataBoundSetter
    public void setImagePullSecrets(List<String> imagePullSecrets) {
        this.imagePullSecrets = PlainValues.strings("imagePullSecrets", imagePullSecrets);
    }

    public String getPodTemplate() {
        return podTemplate;
    }

    @DataBoundSetter
    public void setPodTemplate(String podTemplate) {
        this.podTemplate = PlainValues.blankToNull(podTemplate);
    }

    public String getPodYaml() {
        return podYaml;
    }

    @DataBoundSetter
    public void setPodYaml(String podYaml) {
        this.podYaml = PlainValues.blankToNull(podYaml);
    }

    public String getCloud() {
        return cloud;
    }

    @DataBoundSetter
    public void setCloud(String cloud) {
        this.cloud = PlainValues.blankToNull(cloud);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = PlainValues.blankToNull(namespace);
    }

    public String getTimeout() {
        return timeout;
    }

    /**
     * Object, not String: a Jenkinsfile may write {@code timeout: 90} (minutes), which Pipeline would refuse for a
     * String parameter. Kept as text; read by {@link io.jenkins.plugins.mlpipeline.spec.DurationText}.
     */
    @DataBoundSetter
    public void setTimeout(Object timeout) {
        this.timeout = PlainValues.blankToNull(PlainValues.text(timeout));
    }

    public int getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(int retries) {
        this.retries = retries;
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public boolean isQuiet() {
        return quiet;
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    public String getOutputs() {
        return outputs;
    }

    /** Directory in the container whose files are collected and archived when the run succeeds. */
    @DataBoundSetter
    public void setOutputs(String outputs) {
        this.outputs = PlainValues.blankToNull(outputs);
    }

    public Map<String, Object> getInputs() {
        return inputs;
    }

    /** What the run consumed (dataset URIs, versions, an earlier run's result): recorded as lineage and cache key. */
    @DataBoundSetter
    @SuppressWarnings("unchecked")
    public void setInputs(Map<String, Object> inputs) {
        this.inputs = (Map<String, Object>) PlainValues.plain(inputs);
    }

    public boolean isCache() {
        return cache;
    }

    /** Reuse the outputs of an earlier successful run with the same image, command, params, env and inputs. */
    @DataBoundSetter
    public void setCache(boolean cache) {
        this.cache = cache;
    }

    public String getCacheVersion() {
        return cacheVersion;
    }

    /** Part of the cache key: change it to force a new run when something outside the key changed. */
    @DataBoundSetter
    public void setCacheVersion(String cacheVersion) {
        this.cacheVersion = PlainValues.blankToNull(cacheVersion);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // Run and TaskListener only: no node{} and no agent executor while training runs.
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "mlTrain";
        }

        @Override
        public String getDisplayName() {
            return "Run ML training as a Kubernetes Job";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object image = namedArgs.get("image");
            return image == null ? null : image.toString();
        }
    }
}
