package io.jenkins.plugins.mlpipeline.demo.pipeline;

import io.jenkins.plugins.mlpipeline.models.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** The workspace {@code node} gives: a directory on the local disk (the surface's FilePath cannot do I/O). */
public final class DirectoryWorkspace implements Workspace {

    private final Path root;

    public DirectoryWorkspace(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public List<String> glob(String antGlob) throws IOException {
        // Ant's "**/" also matches no directory at all; Java's glob needs at least one, so try both forms.
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + antGlob);
        PathMatcher topLevel = FileSystems.getDefault().getPathMatcher("glob:" + antGlob.replace("**/", ""));
        List<String> paths = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return paths;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> matcher.matches(p) || topLevel.matches(p))
                    .forEach(p -> paths.add(p.toString().replace('\\', '/')));
        }
        Collections.sort(paths);
        return paths;
    }

    @Override
    public InputStream read(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    @Override
    public OutputStream write(String path) throws IOException {
        Path file = resolve(path);
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file);
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }

    /** A path inside the workspace; the steps check names already, this keeps the harness honest too. */
    Path resolve(String path) throws IOException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("path " + path + " leaves the workspace " + root);
        }
        return file;
    }
}
