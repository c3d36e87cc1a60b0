package org.csanchez.jenkins.plugins.kubernetes;

import hudson.model.AbstractDescribableImpl;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.Serializable;

/**
 * A pod template defined by an administrator in the Kubernetes plugin.
 *
 * <p>Checked against: jenkinsci/kubernetes-plugin:src/main/java/org/csanchez/jenkins/plugins/kubernetes/PodTemplate.java (public class extends AbstractDescribableImpl&lt;PodTemplate&gt; implements
 * Serializable (and Saveable, not declared); public PodTemplate(); public String getName(); public String
 * getNamespace(); public Pod getYamlsPod() with fabric8's io.fabric8.kubernetes.api.model.Pod).
 */
@SuppressWarnings("deprecation") // the real PodTemplate still extends the deprecated AbstractDescribableImpl
public class PodTemplate extends AbstractDescribableImpl<PodTemplate> implements Serializable {

    public PodTemplate() {
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getNamespace() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Pod getYamlsPod() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
