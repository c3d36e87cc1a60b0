package io.jenkins.plugins.mlpipeline.models;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Runs one mlModel step. */
class MlModelStepExecution extends ModelStepExecution {

    private static final long serialVersionUID = 1L;

    private final transient MlModelStep step;

    MlModelStepExecution(MlModelStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    String function() {
        return "mlModel";
    }

    @Override
    String restartAdvice() {
        return "Run the build again";
    }

    @Override
    void checkBeforeStart(ModelServices services, Run<?, ?> run) {
        ModelNames.model(step.getName());
        if ((step.getAlias() == null) == (step.getVersion() == null)) {
            throw new IllegalArgumentException("alias/version: give exactly one of 'alias' and 'version'");
        }
        if (step.getAlias() != null) {
            ModelNames.alias(step.getAlias());
        }
        if (step.getCopyTo() != null) {
            SafePaths.check("copyTo", step.getCopyTo());
        }
    }

    @Override
    Object work(ModelServices services, Run<?, ?> run, TaskListener listener) throws Exception {
        ModelVersion version = services.registry().resolve(step.getName(), step.getAlias(), step.getVersion());
        Map<String, Object> map = version.toMap();
        if (step.getCopyTo() != null) {
            Workspace workspace = services.workspaces().of(getContext());
            if (workspace == null) {
                throw new AbortException("mlModel: copyTo: needs a workspace; call mlModel inside node { }");
            }
            copy(services, version, workspace, step.getCopyTo());
            log(listener, "Copied model " + version.model() + " version " + version.version() + " ("
                    + version.files().size() + " file(s)) to " + step.getCopyTo());
        }
        return map;
    }

    /** Copies every file or none: a missing build, a missing artifact or a checksum mismatch removes what was copied. */
    private static void copy(ModelServices services, ModelVersion version, Workspace workspace, String dir)
            throws IOException, InterruptedException {
        String what = "model " + version.model() + " version " + version.version();
        List<String> written = new ArrayList<>();
        boolean done = false;
        try {
            for (ModelFile file : version.files()) {
                SafePaths.check("files.path of " + what, file.path());
                Run<?, ?> build = services.artifacts().findBuild(file.buildId());
                if (build == null && services.artifacts().buildExists(file.buildId())) {
                    throw new AbortException("mlModel: build " + file.buildId() + " holds " + what + " but this"
                            + " build's authentication may not read it (Job/Read on its job is needed)");
                }
                if (build == null || !services.artifacts().exists(build, file.artifactPath())) {
                    throw new AbortException("mlModel: files deleted with build " + file.buildId() + ": " + what
                            + " file " + file.path() + " (artifact " + file.artifactPath() + ") is gone");
                }
                String target = dir + "/" + file.path();
                written.add(target);
                Digests digests;
                try (InputStream in = services.artifacts().open(build, file.artifactPath());
                     OutputStream out = workspace.write(target)) {
                    digests = Digests.copy(in, out);
                }
                if (!digests.sha256().equals(file.sha256()) || digests.size() != file.size()) {
                    throw new AbortException("mlModel: " + what + " file " + file.path() + " does not match the"
                            + " registry: sha256 " + digests.sha256() + " (" + digests.size() + " bytes), expected "
                            + file.sha256() + " (" + file.size() + " bytes); artifact " + file.artifactPath()
                            + " of build " + file.buildId() + " was changed or damaged. Nothing was copied");
                }
            }
            done = true;
        } finally {
            if (!done) {
                for (String path : written) {
                    try {
                        workspace.delete(path);
                    } catch (IOException e) {
                        // best effort; the step fails anyway, naming the file
                    }
                }
            }
        }
    }
}
