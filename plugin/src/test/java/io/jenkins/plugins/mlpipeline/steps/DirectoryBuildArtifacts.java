package io.jenkins.plugins.mlpipeline.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.artifacts.BuildArtifacts;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Plays the standard artifact manager: each build's artifacts in a directory of its own (shared by the tests). */
public final class DirectoryBuildArtifacts implements BuildArtifacts {

    public final Path root;
    /** The builds a test made, by externalizable id; deleting one from here plays a deleted build. */
    public final Map<String, Run<?, ?>> builds = new ConcurrentHashMap<>();

    public DirectoryBuildArtifacts(Path root) {
        this.root = root;
    }

    public Path dirOf(Run<?, ?> run) {
        return root.resolve(run.getExternalizableId().replace('/', '_').replace('#', '_'));
    }

    public Path fileOf(Run<?, ?> run, String artifact) {
        return dirOf(run).resolve(artifact);
    }

    @Override
    public void archive(Run<?, ?> run, TaskListener listener, Path dir, String prefix, List<String> files)
            throws IOException {
        for (String file : files) {
            Path target = dirOf(run).resolve(prefix + file);
            Files.createDirectories(target.getParent());
            Files.copy(dir.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(Run<?, ?> run, String artifactPath) throws IOException {
        Path file = dirOf(run).resolve(artifactPath);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("build " + run.getExternalizableId() + " has no artifact " + artifactPath);
        }
        return Files.newInputStream(file);
    }

    /** Builds that exist but the current build may not read (plays Jenkins' Job/Read check). */
    public final java.util.Set<String> unreadable = ConcurrentHashMap.newKeySet();

    @Override
    public Run<?, ?> findBuild(String externalizableId) {
        return unreadable.contains(externalizableId) ? null : builds.get(externalizableId);
    }

    @Override
    public boolean buildExists(String externalizableId) {
        return builds.containsKey(externalizableId);
    }

    @Override
    public boolean exists(Run<?, ?> run, String artifactPath) {
        return Files.isRegularFile(dirOf(run).resolve(artifactPath));
    }
}
