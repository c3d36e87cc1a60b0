package org.csanchez.jenkins.plugins.kubernetes;

import hudson.slaves.Cloud;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;

/**
 * A Kubernetes cluster configured in the Kubernetes plugin.
 *
 * <p>Checked against: jenkinsci/kubernetes-plugin:src/main/java/org/csanchez/jenkins/plugins/kubernetes/KubernetesCloud.java (public class extends Cloud (also implements PodTemplateGroup, not
 * declared); public KubernetesCloud(String); public KubernetesClient connect() throws KubernetesAuthException,
 * IOException; public String getNamespace(); public boolean isUsageRestricted(); public List&lt;PodTemplate&gt;
 * getAllTemplates(); public PodTemplate getUnwrappedTemplate(PodTemplate)).
 */
public class KubernetesCloud extends Cloud {

    public KubernetesCloud(String name) {
        super(name);
    }

    public KubernetesClient connect() throws KubernetesAuthException, IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getNamespace() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean isUsageRestricted() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public List<PodTemplate> getAllTemplates() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public PodTemplate getUnwrappedTemplate(PodTemplate podTemplate) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
