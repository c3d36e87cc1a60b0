package io.jenkins.plugins.mlpipeline.packaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where Jenkins looks for a field's help: {@code <class path>/help-<field>.html} under the describable class or
 * any of its superclasses, nested classes with {@code $} turned into {@code /} (jenkinsci/jenkins:
 * core/src/main/java/hudson/model/Descriptor.java getHelpFile; jenkinsci/stapler KlassNavigator).
 */
final class HelpFiles {

    private HelpFiles() {
    }

    static String viewDirectory(Class<?> type) {
        return type.getName().replace('.', '/').replace('$', '/');
    }

    /** {@code Class: help-field.html} for every field without a help file among the given resource names. */
    static List<String> missing(Class<?> type, Collection<String> fields, Set<String> resources) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            if (!hasHelp(type, field, resources)) {
                missing.add(type.getName() + ": " + viewDirectory(type) + "/help-" + field + ".html");
            }
        }
        return missing;
    }

    private static boolean hasHelp(Class<?> type, String field, Set<String> resources) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (resources.contains(viewDirectory(c) + "/help-" + field + ".html")) {
                return true;
            }
        }
        return false;
    }
}
