package org.csanchez.jenkins.plugins.kubernetes;

import java.util.Collection;

/**
 * Static helpers of the Kubernetes plugin for pod templates.
 *
 * <p>Checked against: jenkinsci/kubernetes-plugin:src/main/java/org/csanchez/jenkins/plugins/kubernetes/PodTemplateUtils.java (public class with the implicit public constructor; public static
 * PodTemplate getTemplateByName(String, Collection&lt;PodTemplate&gt;)).
 */
public class PodTemplateUtils {

    public static PodTemplate getTemplateByName(String name, Collection<PodTemplate> templates) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
