package io.jenkins.plugins.mlpipeline.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the {@code Plugin-Dependencies} manifest attribute, parsed the way Jenkins parses it
 * (jenkinsci/jenkins: core/src/main/java/hudson/PluginWrapper.java, {@code Dependency(String)}, fed by
 * ClassicPluginStrategy splitting the attribute on commas): {@code id:version}, with OSGi-style properties after
 * {@code ;} of which only {@code resolution:=optional} means anything.
 */
record PluginDependency(String id, String version, boolean optional) {

    static List<PluginDependency> parseList(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            throw new IllegalArgumentException("Plugin-Dependencies is missing or empty");
        }
        List<PluginDependency> dependencies = new ArrayList<>();
        for (String entry : attribute.split(",")) {
            dependencies.add(parse(entry.trim()));
        }
        return dependencies;
    }

    static PluginDependency parse(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Plugin-Dependencies entry '" + entry + "' is not id:version");
        }
        String id = entry.substring(0, colon);
        String[] versionAndProperties = entry.substring(colon + 1).split(";");
        String version = versionAndProperties[0];
        if (version.isBlank()) {
            throw new IllegalArgumentException("Plugin-Dependencies entry '" + entry + "' has no version");
        }
        boolean optional = false;
        for (int i = 1; i < versionAndProperties.length; i++) {
            optional |= versionAndProperties[i].trim().equalsIgnoreCase("resolution:=optional");
        }
        return new PluginDependency(id, version, optional);
    }
}
