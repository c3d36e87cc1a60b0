package org.csanchez.jenkins.plugins.kubernetes;

import hudson.model.ItemGroup;
import java.util.Set;

/**
 * The folder property that lists which restricted Kubernetes clouds a folder's jobs may use.
 *
 * <p>Checked against: jenkinsci/kubernetes-plugin:src/main/java/org/csanchez/jenkins/plugins/kubernetes/KubernetesFolderProperty.java (public class; its real superclass
 * AbstractFolderProperty&lt;AbstractFolder&lt;?&gt;&gt; comes from cloudbees-folder and is not declared; public static void
 * collectAllowedClouds(Set&lt;String&gt;, ItemGroup&lt;?&gt;), which adds the clouds allowed by each enclosing folder).
 * The private constructor keeps code from making one (the real public constructor is for form binding).
 */
public class KubernetesFolderProperty {

    private KubernetesFolderProperty() {
    }

    public static void collectAllowedClouds(Set<String> allowedClouds, ItemGroup<?> itemGroup) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
