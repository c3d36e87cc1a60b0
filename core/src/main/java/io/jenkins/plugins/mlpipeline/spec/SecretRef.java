package io.jenkins.plugins.mlpipeline.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reference to one key of a Kubernetes Secret in the Job's namespace, written {@code secret-name/key}. Only
 * the reference travels through the plugin; the kubelet resolves the value inside the cluster, so a secret value
 * never appears in a spec, a Job, a log or a build record.
 */
public final class SecretRef {

    private final String secretName;
    private final String key;

    private SecretRef(String secretName, String key) {
        this.secretName = secretName;
        this.key = key;
    }

    /**
     * Parses {@code secret-name/key}, for example {@code creds/token}.
     *
     * @throws SpecValidationException naming what is wrong with either part
     */
    public static SecretRef parse(String reference) {
        return parse("secretRef", reference);
    }

    public static SecretRef of(String secretName, String key) {
        List<String> problems = check("secretRef", secretName, key);
        if (!problems.isEmpty()) {
            throw new SpecValidationException(problems);
        }
        return new SecretRef(secretName, key);
    }

    /** Like {@link #parse(String)} but the problems name {@code field}, e.g. {@code secretEnv.API_TOKEN}. */
    static SecretRef parse(String field, String reference) {
        List<String> problems = new ArrayList<>();
        int slash = reference == null ? -1 : reference.indexOf('/');
        if (slash < 0 || reference.indexOf('/', slash + 1) >= 0) {
            problems.add(field + ": " + KubernetesNames.quote(reference) + " is not a secret reference; write"
                    + " secret-name/key with exactly one '/' (example: creds/token)");
            throw new SpecValidationException(problems);
        }
        String secretName = reference.substring(0, slash);
        String key = reference.substring(slash + 1);
        problems.addAll(check(field, secretName, key));
        if (!problems.isEmpty()) {
            throw new SpecValidationException(problems);
        }
        return new SecretRef(secretName, key);
    }

    private static List<String> check(String field, String secretName, String key) {
        List<String> problems = new ArrayList<>();
        KubernetesNames.checkDns1123Subdomain(field + " secret name", secretName).ifPresent(problems::add);
        KubernetesNames.checkSecretKey(field + " key", key).ifPresent(problems::add);
        return problems;
    }

    public String getSecretName() {
        return secretName;
    }

    public String getKey() {
        return key;
    }

    /** The {@code secret-name/key} form accepted by {@link #parse(String)}. */
    @Override
    public String toString() {
        return secretName + "/" + key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretRef
                && secretName.equals(((SecretRef) other).secretName)
                && key.equals(((SecretRef) other).key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretName, key);
    }
}
