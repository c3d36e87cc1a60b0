package io.jenkins.plugins.mlpipeline.cloud;

import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What the steps need from the Kubernetes plugin, behind one small interface so the steps can be tested with
 * fakes. {@link JenkinsCloudAccess} is the implementation that talks to Jenkins.
 */
public interface CloudAccess {

    /**
     * The Kubernetes cloud a step of {@code run} may use.
     *
     * @param requested the cloud name the step or the global configuration gives, or null for the default
     * @return the cloud's name
     * @throws AbortException naming the cloud when it does not exist, is not a Kubernetes cloud, or is restricted
     *                        to folders that do not contain the run's job
     */
    String resolveCloud(String requested, Run<?, ?> run) throws AbortException;

    /**
     * The cloud's shared client. Kubernetes plugin clients are cached and shared: callers never close it.
     *
     * @throws CloudUnavailableException naming the cloud when it cannot connect
     */
    KubernetesClient client(String cloud);

    /** The namespace configured on the cloud, or null. */
    String cloudNamespace(String cloud) throws AbortException;

    /**
     * A pod template of the cloud by name, with its YAML (the administrator's pod template merged underneath the
     * training pod).
     *
     * @throws AbortException naming the template and the cloud when there is no such template
     */
    PodTemplateInfo podTemplate(String cloud, String name) throws AbortException;

    /**
     * @param namespace the template's namespace, or null
     * @param yaml      the template's pod YAML, or null when it has none
     */
    record PodTemplateInfo(String name, String namespace, String yaml) {
    }
}
