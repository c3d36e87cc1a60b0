package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import java.util.Map;
import java.util.function.Supplier;

/** One Kubernetes cloud, backed by the emulator's client, with the administrator's pod templates. */
final class HarnessCloudAccess implements CloudAccess {

    private final String cloud;
    private final String namespace;
    private final Supplier<KubernetesClient> client;
    private final Map<String, PodTemplateInfo> templates;

    HarnessCloudAccess(String cloud, String namespace, Supplier<KubernetesClient> client,
            Map<String, PodTemplateInfo> templates) {
        this.cloud = cloud;
        this.namespace = namespace;
        this.client = client;
        this.templates = Map.copyOf(templates);
    }

    @Override
    public String resolveCloud(String requested, Run<?, ?> run) throws AbortException {
        if (requested == null || requested.equals(cloud)) {
            return cloud;
        }
        throw new AbortException("cloud: there is no Kubernetes cloud named '" + requested + "'; this harness has"
                + " one, '" + cloud + "'");
    }

    @Override
    public KubernetesClient client(String name) {
        return client.get();
    }

    @Override
    public String cloudNamespace(String name) {
        return namespace;
    }

    @Override
    public PodTemplateInfo podTemplate(String name, String template) throws AbortException {
        PodTemplateInfo t = templates.get(template);
        if (t == null) {
            throw new AbortException("podTemplate: the Kubernetes cloud '" + name + "' has no pod template named '"
                    + template + "'; it has " + String.join(", ", templates.keySet()));
        }
        return t;
    }
}
