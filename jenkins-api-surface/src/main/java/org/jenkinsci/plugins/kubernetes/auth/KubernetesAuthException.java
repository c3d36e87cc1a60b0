package org.jenkinsci.plugins.kubernetes.auth;

/**
 * Failure to authenticate to a Kubernetes cluster (from the kubernetes-credentials plugin).
 *
 * <p>Checked against: jenkinsci/kubernetes-credentials-plugin:src/main/java/org/jenkinsci/plugins/kubernetes/auth/KubernetesAuthException.java
 * (public class extends Exception; public constructors (), (String), (String, Throwable), (Throwable)).
 */
public class KubernetesAuthException extends Exception {

    public KubernetesAuthException() {
    }

    public KubernetesAuthException(String message) {
        super(message);
    }

    public KubernetesAuthException(String message, Throwable cause) {
        super(message, cause);
    }

    public KubernetesAuthException(Throwable cause) {
        super(cause);
    }
}
