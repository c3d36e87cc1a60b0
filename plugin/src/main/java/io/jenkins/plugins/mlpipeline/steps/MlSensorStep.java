package io.jenkins.plugins.mlpipeline.steps;

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
 * {@code mlSensor}: waits for a Kubernetes Job without holding an executor, either one started by
 * {@code mlTrain(wait: false)} ({@code run:} its returned map or id) or any Job ({@code job:} + {@code namespace:}).
 * Returns the same map as mlTrain. Never deletes the Job: it only watches.
 */
public class MlSensorStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;
    /** A sensor always has a deadline; a week covers the longest trainings we know of. */
    static final String DEFAULT_TIMEOUT = "7d";

    private Object run;
    private String job;
    private String namespace;
    private String cloud;
    private String timeout;
    private boolean softFail;
    private boolean followLogs = true;

    @DataBoundConstructor
    public MlSensorStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new MlSensorStepExecution(this, context);
    }

    /** The map mlTrain returned, or its id {@code namespace/name}. */
    public Object getRun() {
        return run;
    }

    @DataBoundSetter
    public void setRun(Object run) {
        this.run = PlainValues.plain(run);
    }

    public String getJob() {
        return job;
    }

    @DataBoundSetter
    public void setJob(String job) {
        this.job = PlainValues.blankToNull(job);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = PlainValues.blankToNull(namespace);
    }

    public String getCloud() {
        return cloud;
    }

    @DataBoundSetter
    public void setCloud(String cloud) {
        this.cloud = PlainValues.blankToNull(cloud);
    }

    public String getTimeout() {
        return timeout;
    }

    /** Object for the same reason as {@link MlTrainStep#setTimeout(Object)}. */
    @DataBoundSetter
    public void setTimeout(Object timeout) {
        this.timeout = PlainValues.blankToNull(PlainValues.text(timeout));
    }

    public boolean isSoftFail() {
        return softFail;
    }

    @DataBoundSetter
    public void setSoftFail(boolean softFail) {
        this.softFail = softFail;
    }

    public boolean isFollowLogs() {
        return followLogs;
    }

    @DataBoundSetter
    public void setFollowLogs(boolean followLogs) {
        this.followLogs = followLogs;
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "mlSensor";
        }

        @Override
        public String getDisplayName() {
            return "Wait for a Kubernetes training Job";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object job = namedArgs.get("job");
            Object run = namedArgs.get("run");
            if (run instanceof Map) {
                run = ((Map<?, ?>) run).get("id");
            }
            return job != null ? job.toString() : run == null ? null : run.toString();
        }
    }
}
