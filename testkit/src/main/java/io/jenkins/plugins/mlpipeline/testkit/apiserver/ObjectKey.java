package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;

/**
 * Identity of one stored object: API group ({@code ""} for core), plural, namespace ({@code ""} when cluster-scoped)
 * and name.
 */
public record ObjectKey(String group, String plural, String namespace, String name) {

    /** The identity carried by a stored object's attribute set, or {@code null} when it lacks a name or plural. */
    static ObjectKey of(AttributeSet attributes) {
        String plural = single(attributes, KubernetesAttributesExtractor.PLURAL);
        String name = single(attributes, KubernetesAttributesExtractor.NAME);
        if (plural == null || name == null) {
            return null;
        }
        String group = single(attributes, KubernetesAttributesExtractor.API);
        String namespace = single(attributes, KubernetesAttributesExtractor.NAMESPACE);
        return new ObjectKey(group == null ? "" : group, plural, namespace == null ? "" : namespace, name);
    }

    private static String single(AttributeSet attributes, String key) {
        Attribute attribute = attributes.getAttribute(key);
        if (attribute == null || attribute.getValues().size() != 1) {
            return null;
        }
        return attribute.getValues().get(0).toString();
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "" : group + "/") + plural + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + name;
    }
}
