package io.jenkins.plugins.mlpipeline.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One move of an alias, as kept in {@code <root>/<model>/history.json}.
 *
 * @param previousVersion the version the alias pointed to before, {@code null} if it is new
 * @param user            Jenkins user id that moved it, or {@code null}
 * @param build           the build that moved it ({@code job#number}), or {@code null}
 * @param at              when, an ISO-8601 instant
 */
public record AliasChange(String alias, int version, Integer previousVersion, String user, String build, String at) {

    /** Plain map for a Pipeline script; keys {@code alias, version, previousVersion, user, build, at}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("alias", alias);
        map.put("version", version);
        map.put("previousVersion", previousVersion);
        map.put("user", user);
        map.put("build", build);
        map.put("at", at);
        return map;
    }
}
