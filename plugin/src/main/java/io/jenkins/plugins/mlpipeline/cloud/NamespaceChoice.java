package io.jenkins.plugins.mlpipeline.cloud;

/**
 * Which namespace a run goes to: the step's, else the pod template's, else the administrator's default, else the
 * cloud's, else the client's own default (from its kubeconfig or service account, {@code default} at worst).
 */
public final class NamespaceChoice {

    private NamespaceChoice() {
    }

    public static String choose(String step, String template, String globalDefault, String cloud,
            String clientDefault) {
        for (String candidate : new String[] {step, template, globalDefault, cloud, clientDefault}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return "default";
    }
}
