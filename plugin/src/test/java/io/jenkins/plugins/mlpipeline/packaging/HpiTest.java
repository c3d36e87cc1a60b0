package io.jenkins.plugins.mlpipeline.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpiTest {

    @TempDir
    Path dir;

    @Test
    void readsTheManifestAndListsTheLibraries() throws IOException {
        Path hpi = zip("p.hpi", "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nShort-Name: p\n\n",
                "WEB-INF/lib/b.jar", "x", "WEB-INF/lib/a.jar", "x");

        Hpi opened = Hpi.extract(hpi, dir.resolve("out"));

        assertThat(Hpi.mainAttributes(opened.manifest())).containsEntry("Short-Name", "p");
        assertThat(opened.libraryNames()).containsExactly("a.jar", "b.jar");
    }

    @Test
    void aMissingManifestIsReported() throws IOException {
        Hpi opened = Hpi.extract(zip("p.hpi", "WEB-INF/lib/a.jar", "x"), dir.resolve("out"));

        assertThatThrownBy(opened::manifest).hasMessageContaining("has no META-INF/MANIFEST.MF");
    }

    @Test
    void refusesEntriesThatEscapeTheTargetDirectory() throws IOException {
        Path hpi = zip("evil.hpi", "../escaped.txt", "x");

        assertThatThrownBy(() -> Hpi.extract(hpi, dir.resolve("out"))).hasMessageContaining("escapes the archive");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    private Path zip(String name, String... namesAndContents) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                archive.putNextEntry(new ZipEntry(namesAndContents[i]));
                archive.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                archive.closeEntry();
            }
        }
        return zip;
    }
}
