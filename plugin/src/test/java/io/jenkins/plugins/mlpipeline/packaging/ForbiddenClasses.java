package io.jenkins.plugins.mlpipeline.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds classes in bundled jars that Jenkins core or another plugin already supplies. Bundling one would
 * shadow or clash with the real one (two copies of fabric8 or Jackson in one JVM, a stub of a Jenkins type
 * loaded instead of the real one), so none may be in the .hpi.
 */
final class ForbiddenClasses {

    /** Package path prefix -> who supplies it at run time. */
    static final Map<String, String> SUPPLIED_BY_JENKINS = Map.ofEntries(
            Map.entry("hudson/", "Jenkins core"),
            Map.entry("jenkins/", "Jenkins core"),
            Map.entry("org/kohsuke/", "Jenkins core (Stapler)"),
            Map.entry("org/jvnet/", "Jenkins core (annotation-indexer)"),
            Map.entry("org/springframework/", "Jenkins core (Spring Security)"),
            Map.entry("org/jenkinsci/", "Jenkins core and plugins (workflow-step-api, symbol, credentials)"),
            Map.entry("org/csanchez/", "the kubernetes plugin"),
            Map.entry("io/fabric8/", "the kubernetes-client-api plugin"),
            Map.entry("com/fasterxml/jackson/", "the jackson2-api plugin"),
            Map.entry("org/yaml/snakeyaml/", "the snakeyaml-api plugin (via kubernetes-client-api)"),
            Map.entry("okhttp3/", "the okhttp-api plugin"),
            Map.entry("okio/", "the okhttp-api plugin"),
            Map.entry("kotlin/", "the okhttp-api plugin (Kotlin runtime)"),
            Map.entry("com/google/common/", "Jenkins core (Guava)"),
            Map.entry("com/google/thirdparty/", "Jenkins core (Guava)"),
            Map.entry("net/java/sezpoz/", "Jenkins core (SezPoz)"),
            Map.entry("edu/umd/cs/findbugs/", "compile-time only (spotbugs-annotations)"),
            Map.entry("org/slf4j/", "Jenkins core (SLF4J)"),
            Map.entry("org/apache/commons/compress/", "the commons-compress-api plugin"),
            Map.entry("org/apache/commons/io/", "Jenkins core (commons-io)"),
            Map.entry("org/apache/commons/lang3/", "the commons-lang3-api plugin"));

    private ForbiddenClasses() {
    }

    /** Each forbidden class as {@code jar!/entry (supplied by ...)}; empty when the jar is clean. */
    static List<String> in(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                String path = withoutMultiReleasePrefix(name);
                for (Map.Entry<String, String> forbidden : SUPPLIED_BY_JENKINS.entrySet()) {
                    if (path.startsWith(forbidden.getKey())) {
                        found.add(jar.getFileName() + "!/" + name + " (supplied by " + forbidden.getValue() + ")");
                    }
                }
            }
        }
        return found;
    }

    // A multi-release jar keeps per-Java-version copies under META-INF/versions/<n>/; they count too.
    private static String withoutMultiReleasePrefix(String name) {
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            return slash < 0 ? name : name.substring(slash + 1);
        }
        return name;
    }
}
