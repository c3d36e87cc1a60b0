package io.jenkins.plugins.mlpipeline.models;

import hudson.FilePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A {@link Workspace} on a Jenkins {@link FilePath} (the agent's workspace directory). */
final class FilePathWorkspace implements Workspace {

    private final FilePath root;

    FilePathWorkspace(FilePath root) {
        this.root = root;
    }

    @Override
    public List<String> glob(String antGlob) throws IOException, InterruptedException {
        String base = root.getRemote().replace('\\', '/');
        List<String> paths = new ArrayList<>();
        for (FilePath file : root.list(antGlob)) {
            String remote = file.getRemote().replace('\\', '/');
            if (!remote.startsWith(base + "/")) {
                throw new IOException("files: " + remote + " is not inside the workspace " + base);
            }
            paths.add(remote.substring(base.length() + 1));
        }
        Collections.sort(paths);
        return paths;
    }

    @Override
    public InputStream read(String path) throws IOException, InterruptedException {
        return root.child(path).read();
    }

    @Override
    public OutputStream write(String path) throws IOException, InterruptedException {
        FilePath file = root.child(path);
        file.getParent().mkdirs();
        return file.write();
    }

    @Override
    public void delete(String path) throws IOException, InterruptedException {
        FilePath file = root.child(path);
        if (file.exists()) {
            file.deleteRecursive();
        }
    }

    /** The step's workspace from its context ({@code FilePath} is only there inside {@code node { }}). */
    static final class Lookup implements WorkspaceLookup {
        @Override
        public Workspace of(StepContext context) throws IOException, InterruptedException {
            FilePath ws = context.get(FilePath.class);
            return ws == null ? null : new FilePathWorkspace(ws);
        }
    }
}
