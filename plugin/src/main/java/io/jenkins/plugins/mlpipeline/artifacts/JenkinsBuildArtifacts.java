package io.jenkins.plugins.mlpipeline.artifacts;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;
import jenkins.util.VirtualFile;
import org.springframework.security.access.AccessDeniedException;

/** {@link BuildArtifacts} through the build's own {@code ArtifactManager}. */
public final class JenkinsBuildArtifacts implements BuildArtifacts {

    @Override
    public void archive(Run<?, ?> run, TaskListener listener, Path dir, String prefix, List<String> files)
            throws IOException, InterruptedException {
        // ArtifactManager.archive maps artifact path -> path relative to the "workspace" it is given: here the
        // directory the outputs were collected to, on the controller.
        Map<String, String> artifacts = new LinkedHashMap<>();
        for (String file : files) {
            artifacts.put(prefix + file, file);
        }
        run.pickArtifactManager().archive(new FilePath(dir.toFile()), Jenkins.get().createLauncher(listener),
                BuildListenerAdapter.wrap(listener), artifacts);
    }

    @Override
    public InputStream open(Run<?, ?> run, String artifactPath) throws IOException {
        VirtualFile file = run.getArtifactManager().root().child(artifactPath);
        if (!file.isFile()) {
            throw new FileNotFoundException("build " + run.getExternalizableId() + " has no artifact " + artifactPath);
        }
        return file.open();
    }

    @Override
    public Run<?, ?> findBuild(String externalizableId) {
        try {
            return Run.fromExternalizableId(externalizableId);
        } catch (IllegalArgumentException | AccessDeniedException e) {
            return null; // malformed id, or a job this authentication may discover but not read
        }
    }

    @Override
    public boolean buildExists(String externalizableId) {
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            return findBuild(externalizableId) != null;
        }
    }

    @Override
    public boolean exists(Run<?, ?> run, String artifactPath) throws IOException {
        return run.getArtifactManager().root().child(artifactPath).isFile();
    }
}
