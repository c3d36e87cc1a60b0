package io.jenkins.plugins.mlpipeline.cloud;

import hudson.AbortException;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.slaves.Cloud;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import jenkins.model.Jenkins;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesFolderProperty;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplateUtils;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;

/** {@link CloudAccess} through the Kubernetes plugin's clouds, the way its own podTemplate step resolves them. */
public final class JenkinsCloudAccess implements CloudAccess {

    @Override
    public String resolveCloud(String requested, Run<?, ?> run) throws AbortException {
        String name = requested == null || requested.isBlank() ? firstKubernetesCloud() : requested.trim();
        KubernetesCloud cloud = kubernetesCloud(name);
        if (cloud.isUsageRestricted()) {
            Set<String> allowed = new HashSet<>();
            Job<?, ?> job = run.getParent();
            ItemGroup<?> folder = job.getParent();
            KubernetesFolderProperty.collectAllowedClouds(allowed, folder);
            if (!allowed.contains(name)) {
                throw new AbortException("cloud: the Kubernetes cloud '" + name + "' is restricted and not allowed"
                        + " for " + job.getFullName() + "; ask an administrator to allow it in the folder's"
                        + " Kubernetes settings, or use another cloud");
            }
        }
        return name;
    }

    @Override
    public KubernetesClient client(String cloud) {
        try {
            return kubernetesCloud(cloud).connect();
        } catch (KubernetesAuthException | IOException | RuntimeException e) {
            throw new CloudUnavailableException("cannot connect to the Kubernetes cloud '" + cloud + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String cloudNamespace(String cloud) throws AbortException {
        return kubernetesCloud(cloud).getNamespace();
    }

    @Override
    public PodTemplateInfo podTemplate(String cloud, String name) throws AbortException {
        KubernetesCloud k8s = kubernetesCloud(cloud);
        PodTemplate template = PodTemplateUtils.getTemplateByName(name, k8s.getAllTemplates());
        if (template == null) {
            throw new AbortException("podTemplate: the Kubernetes cloud '" + cloud + "' has no pod template named '"
                    + name + "'");
        }
        PodTemplate unwrapped = k8s.getUnwrappedTemplate(template);
        Pod pod = unwrapped.getYamlsPod();
        return new PodTemplateInfo(name, unwrapped.getNamespace(), pod == null ? null : Serialization.asYaml(pod));
    }

    /** No cloud named by the step or the global default: the first Kubernetes cloud, as the podTemplate step does. */
    private static String firstKubernetesCloud() throws AbortException {
        KubernetesCloud first = Jenkins.get().clouds.get(KubernetesCloud.class);
        if (first == null) {
            throw new AbortException("cloud: no Kubernetes cloud is configured; add one in Manage Jenkins > Clouds,"
                    + " or name one with cloud: or as the default in Manage Jenkins > System > ML Pipeline");
        }
        return first.name;
    }

    private static KubernetesCloud kubernetesCloud(String name) throws AbortException {
        Cloud cloud = Jenkins.get().getCloud(name);
        if (cloud == null) {
            throw new AbortException("cloud: there is no cloud named '" + name + "'; give the name of a Kubernetes"
                    + " cloud (Manage Jenkins > Clouds) with cloud: or as the default in Manage Jenkins > System >"
                    + " ML Pipeline");
        }
        if (!(cloud instanceof KubernetesCloud)) {
            throw new AbortException("cloud: '" + name + "' is not a Kubernetes cloud");
        }
        return (KubernetesCloud) cloud;
    }
}
