package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes REST request URI taken apart: {@code /api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]} or
 * the same under {@code /apis/{group}/{version}}, plus the decoded query parameters.
 */
public final class RequestPath {

    private final String group;
    private final String version;
    private final String namespace;
    private final String plural;
    private final String name;
    private final String subresource;
    private final Map<String, List<String>> params;

    private RequestPath(String group, String version, String namespace, String plural, String name,
            String subresource, Map<String, List<String>> params) {
        this.group = group;
        this.version = version;
        this.namespace = namespace;
        this.plural = plural;
        this.name = name;
        this.subresource = subresource;
        this.params = params;
    }

    /** Parses a request URI; {@code null} when it is not a resource path (e.g. {@code /version}). */
    public static RequestPath parse(String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        Map<String, List<String>> params = question < 0 ? Map.of() : parseQuery(uri.substring(question + 1));
        String[] segments = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
        int at;
        String group;
        String version;
        if (segments.length >= 3 && segments[0].equals("api")) {
            group = "";
            version = segments[1];
            at = 2;
        } else if (segments.length >= 4 && segments[0].equals("apis")) {
            group = segments[1];
            version = segments[2];
            at = 3;
        } else {
            return null;
        }
        int remaining = segments.length - at;
        String namespace = null;
        if (segments[at].equals("namespaces") && remaining >= 3) {
            namespace = segments[at + 1];
            at += 2;
            remaining -= 2;
        }
        String plural = segments[at];
        String name = remaining >= 2 ? segments[at + 1] : null;
        String subresource = remaining >= 3 ? segments[at + 2] : null;
        if (remaining > 3 || plural.isEmpty()) {
            return null;
        }
        return new RequestPath(group, version, namespace, plural, name, subresource, params);
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public String group() {
        return group;
    }

    /** Namespace, or {@code null} for cluster-scoped requests. */
    public String namespace() {
        return namespace;
    }

    public String plural() {
        return plural;
    }

    /** Object name, or {@code null} for collection requests. */
    public String name() {
        return name;
    }

    /** Subresource such as {@code status} or {@code log}, or {@code null}. */
    public String subresource() {
        return subresource;
    }

    public boolean is(ResourceKind<?> kind) {
        return kind.group().equals(group) && kind.plural().equals(plural);
    }

    public ObjectKey key() {
        return new ObjectKey(group, plural, namespace == null ? "" : namespace, name);
    }

    /** First value of a query parameter, or {@code null}. */
    public String param(String key) {
        List<String> values = params.getOrDefault(key, Collections.emptyList());
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated query parameter (e.g. exec's {@code command}), in order; empty when absent. */
    public List<String> params(String key) {
        return List.copyOf(params.getOrDefault(key, Collections.emptyList()));
    }

    public boolean flag(String key) {
        String value = param(key);
        return "true".equals(value) || "1".equals(value);
    }

    public boolean isWatch() {
        return flag("watch");
    }

    /** The name of a {@code fieldSelector=metadata.name=<n>} query without any other selector, else {@code null}. */
    public String fieldSelectorName() {
        String selector = param("fieldSelector");
        if (selector == null || param("labelSelector") != null || selector.contains(",")) {
            return null;
        }
        for (String prefix : new String[] {"metadata.name==", "metadata.name="}) {
            if (selector.startsWith(prefix)) {
                return selector.substring(prefix.length());
            }
        }
        return null;
    }
}
