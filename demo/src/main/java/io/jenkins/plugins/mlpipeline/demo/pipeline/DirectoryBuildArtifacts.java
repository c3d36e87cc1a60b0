package io.jenkins.plugins.mlpipeline.demo.pipeline;

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
import java.util.function.Function;

/** Jenkins' standard artifact manager: each build's artifacts in {@code <build dir>/archive}. */
final class DirectoryBuildArtifacts implements BuildArtifacts {

    private final Function<String, Run<?, ?>> builds;

    DirectoryBuildArtifacts(Function<String, Run<?, ?>> builds) {
        this.builds = builds;
    }

    static Path archiveOf(Run<?, ?> run) {
        return run.getRootDir().toPath().resolve("archive");
    }

    @Override
    public void archive(Run<?, ?> run, TaskListener listener, Path dir, String prefix, List<String> files)
            throws IOException {
        Path archive = archiveOf(run);
        for (String file : files) {
            Path target = archive.resolve(prefix + file).normalize();
            if (!target.startsWith(archive)) {
                throw new IOException("artifact " + prefix + file + " would leave the archive of "
                        + run.getExternalizableId());
            }
            Files.createDirectories(target.getParent());
            Files.copy(dir.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(Run<?, ?> run, String artifactPath) throws IOException {
        Path file = archiveOf(run).resolve(artifactPath);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("build " + run.getExternalizableId() + " has no artifact " + artifactPath);
        }
        return Files.newInputStream(file);
    }

    @Override
    public Run<?, ?> findBuild(String externalizableId) {
        return builds.apply(externalizableId);
    }

    @Override
    public boolean exists(Run<?, ?> run, String artifactPath) {
        return Files.isRegularFile(archiveOf(run).resolve(artifactPath));
    }
}
