package io.jenkins.plugins.mlpipeline.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForbiddenClassesTest {

    @TempDir
    Path dir;

    @Test
    void flagsClassesJenkinsOrItsPluginsSupplyIncludingMultiReleaseCopies() throws IOException {
        Path jar = jar("bad.jar", "io/fabric8/kubernetes/client/KubernetesClient.class",
                "META-INF/versions/11/com/google/common/collect/ImmutableList.class", "hudson/Extension.class",
                "io/jenkins/plugins/mlpipeline/engine/TrainingEngine.class");

        assertThat(ForbiddenClasses.in(jar)).containsExactlyInAnyOrder(
                "bad.jar!/io/fabric8/kubernetes/client/KubernetesClient.class (supplied by the kubernetes-client-api plugin)",
                "bad.jar!/META-INF/versions/11/com/google/common/collect/ImmutableList.class (supplied by Jenkins core (Guava))",
                "bad.jar!/hudson/Extension.class (supplied by Jenkins core)");
    }

    @Test
    void ourOwnClassesAndNonClassResourcesPass() throws IOException {
        Path jar = jar("good.jar", "io/jenkins/plugins/mlpipeline/engine/TrainingEngine.class",
                "META-INF/annotations/hudson.Extension", "hudson/Whatever.properties");

        assertThat(ForbiddenClasses.in(jar)).isEmpty();
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new JarEntry(entry));
                zip.write(new byte[] {1});
                zip.closeEntry();
            }
        }
        return jar;
    }
}
