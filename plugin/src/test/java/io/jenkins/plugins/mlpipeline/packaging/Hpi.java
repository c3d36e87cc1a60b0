package io.jenkins.plugins.mlpipeline.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A .hpi unpacked the way Jenkins explodes it into plugins/&lt;short-name&gt;/, plus jar reading helpers. */
final class Hpi {

    static final String LIB = "WEB-INF/lib";

    private final Path root;
    private final SortedSet<String> entries;

    private Hpi(Path root, SortedSet<String> entries) {
        this.root = root;
        this.entries = entries;
    }

    static Hpi extract(Path hpi, Path into) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        Path target = into.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                names.add(entry.getName());
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Entry " + entry.getName() + " of " + hpi + " escapes the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        return new Hpi(target, names);
    }

    SortedSet<String> entries() {
        return entries;
    }

    Path root() {
        return root;
    }

    Manifest manifest() throws IOException {
        Path file = root.resolve(JarFile.MANIFEST_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("The .hpi has no " + JarFile.MANIFEST_NAME);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        }
    }

    /** The file names in WEB-INF/lib, sorted. */
    List<String> libraryNames() throws IOException {
        Path lib = root.resolve(LIB);
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    List<Path> libraries() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String name : libraryNames()) {
            jars.add(library(name));
        }
        return jars;
    }

    Path library(String fileName) {
        return root.resolve(LIB).resolve(fileName);
    }

    static Map<String, String> mainAttributes(Manifest manifest) {
        Map<String, String> attributes = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : manifest.getMainAttributes().entrySet()) {
            attributes.put(((Attributes.Name) entry.getKey()).toString(), (String) entry.getValue());
        }
        return attributes;
    }

    static Manifest manifestOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new IOException(jar.getFileName() + " has no manifest");
            }
            return manifest;
        }
    }

    static SortedSet<String> entryNames(Path jar) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    static Optional<String> text(Path jar, String entryName) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(entryName);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
