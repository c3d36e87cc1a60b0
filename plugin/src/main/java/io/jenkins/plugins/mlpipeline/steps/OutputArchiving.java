package io.jenkins.plugins.mlpipeline.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.engine.OutputRequest;
import io.jenkins.plugins.mlpipeline.engine.RunResult;
import io.jenkins.plugins.mlpipeline.outputs.FileTrees;
import io.jenkins.plugins.mlpipeline.outputs.OutputFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Moves a run's collected outputs into the build's artifacts, under {@code ml/<Job name>/}, through the build's
 * artifact manager (so artifact-manager-s3 and friends store them where they store everything else), then removes
 * the staging copy: the files are on the controller's disk only between collection and archiving.
 */
final class OutputArchiving {

    static final String ARTIFACT_ROOT = "ml/";
    private static final String STAGING = "ml-outputs";

    private OutputArchiving() {
    }

    /** Where the engine collects a run's outputs: inside the build's directory, so they go with the build. */
    static File stagingDir(Run<?, ?> run, String jobName) {
        return new File(new File(run.getRootDir(), STAGING), jobName);
    }

    static String prefix(String jobName) {
        return ARTIFACT_ROOT + jobName + "/";
    }

    /** Archives the outputs and adds each file's {@code artifact} path to the returned map's {@code outputs}. */
    @SuppressWarnings("unchecked")
    static void archive(StepServices services, StepContext context, RunFollower follower, RunResult result,
                        Map<String, Object> map) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        Path dir = follower.outputsPath();
        String prefix = prefix(result.ref().name());
        List<String> files = result.outputs().files().stream().map(OutputFile::path).toList();
        if (!files.isEmpty()) {
            services.artifacts().archive(run, listener, dir, prefix, files);
            listener.getLogger().println("[ml] archived " + files.size() + " output file" + (files.size() == 1 ? "" : "s")
                    + " as build artifacts under " + prefix);
        }
        for (Object entry : (List<Object>) map.get("outputs")) {
            Map<String, Object> file = (Map<String, Object>) entry;
            file.put("artifact", prefix + file.get("path"));
        }
        deleteStaging(dir);
    }

    static void deleteStaging(Path dir) throws IOException {
        Files.deleteIfExists(OutputRequest.manifestOf(dir));
        FileTrees.delete(dir);
    }
}
