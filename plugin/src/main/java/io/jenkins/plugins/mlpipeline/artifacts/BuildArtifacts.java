package io.jenkins.plugins.mlpipeline.artifacts;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A build's archived artifacts, as the ML steps use them. In Jenkins this is the build's {@code ArtifactManager}, so
 * artifact-manager-s3 and the like keep the bytes wherever they are configured to; tests use a directory.
 */
public interface BuildArtifacts {

    /**
     * Archives {@code files} (relative, {@code /}-separated paths inside {@code dir}) under {@code prefix}: file
     * {@code a/b.bin} becomes artifact {@code <prefix>a/b.bin}.
     */
    void archive(Run<?, ?> run, TaskListener listener, Path dir, String prefix, List<String> files)
            throws IOException, InterruptedException;

    /** Reads one archived artifact of {@code run}. */
    InputStream open(Run<?, ?> run, String artifactPath) throws IOException;

    /**
     * The build with this externalizable id ({@code job#number}) if it exists and the calling thread's
     * authentication may read it; null otherwise.
     */
    Run<?, ?> findBuild(String externalizableId);

    /**
     * Whether that build still exists, whoever may read it (to tell a deleted build from an unreadable one). By
     * default the same as {@link #findBuild}, for stores without access control.
     */
    default boolean buildExists(String externalizableId) {
        return findBuild(externalizableId) != null;
    }

    /** Whether {@code run} still has that artifact (the build or its artifacts may have been deleted). */
    boolean exists(Run<?, ?> run, String artifactPath) throws IOException;
}
