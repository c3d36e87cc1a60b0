package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import java.io.IOException;
import java.util.Map;
import jenkins.util.VirtualFile;

/**
 * Stores and serves the archived artifacts of one build (the standard one on the controller's disk, or e.g. S3).
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/ArtifactManager.java (public abstract class with an implicit
 * public constructor; all abstract: void onLoad(Run&lt;?, ?&gt;); void archive(FilePath workspace, Launcher,
 * BuildListener, Map&lt;String, String&gt; artifacts) throws IOException, InterruptedException, the map going from
 * the path in the archive to the path relative to workspace, both "/"-separated, repeated calls adding files;
 * boolean delete() throws IOException, InterruptedException; VirtualFile root()).
 */
public abstract class ArtifactManager {

    public abstract void onLoad(Run<?, ?> build);

    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener, Map<String, String> artifacts)
            throws IOException, InterruptedException;

    public abstract boolean delete() throws IOException, InterruptedException;

    public abstract VirtualFile root();
}
