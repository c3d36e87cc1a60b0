package io.jenkins.plugins.mlpipeline.models;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.outputs.FileTrees;
import io.jenkins.plugins.mlpipeline.registry.Lineage;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import io.jenkins.plugins.mlpipeline.registry.NewVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Runs one mlArtifact step. */
class MlArtifactStepExecution extends ModelStepExecution {

    private static final long serialVersionUID = 1L;

    private final transient MlArtifactStep step;

    MlArtifactStepExecution(MlArtifactStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    String function() {
        return "mlArtifact";
    }

    @Override
    String restartAdvice() {
        return "Look at the model's versions (Models page) before running it again: the version may have been"
                + " registered";
    }

    @Override
    void checkBeforeStart(ModelServices services, Run<?, ?> run) throws AbortException {
        ModelNames.model(step.getName());
        int sources = (step.getRun() != null ? 1 : 0) + (step.getFiles() != null ? 1 : 0)
                + (step.getUri() != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("run/files/uri: give exactly one of 'run' (the map mlTrain returned),"
                    + " 'files' (an Ant glob in the workspace) or 'uri' (where the model lives); got " + sources);
        }
        if (step.getSha256() != null) {
            if (step.getUri() == null) {
                throw new IllegalArgumentException("sha256: only goes with 'uri' (files are hashed while archived)");
            }
            ModelNames.sha256("sha256", step.getSha256());
        }
        if (step.getAlias() != null) {
            ModelNames.alias(step.getAlias());
            checkPromotion(services, run, step.getName(), step.getAlias());
        }
    }

    @Override
    Object work(ModelServices services, Run<?, ?> run, TaskListener listener) throws Exception {
        String buildId = run.getExternalizableId();
        LineageBuilder lineage = new LineageBuilder(jobOf(buildId), run.getNumber(), services.buildUrl().apply(run),
                buildId);
        List<ModelFile> files = List.of();
        String uri = null;
        String uriSha256 = null;
        if (step.getRun() != null) {
            RunModelSource source = RunModelSource.of(step.getRun());
            files = source.files();
            uri = source.uri();
            uriSha256 = source.uriSha256();
            lineage = source.lineage(lineage);
        } else if (step.getFiles() != null) {
            files = archiveWorkspaceFiles(services, run, listener);
        } else {
            uri = step.getUri();
            uriSha256 = step.getSha256();
        }
        ModelVersion version = services.registry().register(new NewVersion(step.getName(), files, uri, uriSha256,
                lineage.build(), step.getMetadata(), step.getAlias(), services.userOf().apply(run)));
        long bytes = files.stream().mapToLong(ModelFile::size).sum();
        log(listener, "Registered model " + version.model() + " version " + version.version() + " ("
                + (files.isEmpty() ? "uri " + uri : files.size() + " file(s), " + bytes + " bytes") + ")"
                + (step.getAlias() != null ? "; alias " + step.getAlias() + " -> " + version.version() : ""));
        if (step.getAlias() != null) {
            KeptBuilds.sync(services.registry(), services.keeper());
        }
        fingerprint(services, run, listener, version);
        return version.toMap();
    }

    /**
     * Fingerprints the version's files (Jenkins keys fingerprints by MD5, so each file is read once more from the
     * build holding it). The version is registered either way: a fingerprint is a cross-reference, not the record.
     */
    private static void fingerprint(ModelServices services, Run<?, ?> run, TaskListener listener,
                                    ModelVersion version) {
        try {
            Map<ModelFile, String> md5 = new LinkedHashMap<>();
            for (ModelFile file : version.files()) {
                Run<?, ?> holder = file.buildId() == null ? null : services.artifacts().findBuild(file.buildId());
                if (holder == null || file.artifactPath() == null) {
                    continue;
                }
                try (InputStream in = services.artifacts().open(holder, file.artifactPath())) {
                    md5.put(file, Digests.copy(in, OutputStream.nullOutputStream()).md5());
                }
            }
            if (!md5.isEmpty()) {
                services.fingerprints().record(run, version, md5);
            }
        } catch (IOException | RuntimeException e) {
            log(listener, "Could not fingerprint the files of model " + version.model() + " version "
                    + version.version() + ": " + e.getMessage() + " (the version is registered)");
        }
    }

    /**
     * Copies the matching workspace files to the controller, hashing them on the way, then archives them into this
     * build under {@code ml/models/<name>/files-<content hash>/}: the version number is only known once the
     * registry allocated it, so the prefix is derived from the files themselves (two versions with the same files
     * share it within a build, harmlessly).
     */
    private List<ModelFile> archiveWorkspaceFiles(ModelServices services, Run<?, ?> run, TaskListener listener)
            throws IOException, InterruptedException {
        Workspace workspace = services.workspaces().of(getContext());
        if (workspace == null) {
            throw new AbortException("mlArtifact: files: needs a workspace; call mlArtifact inside node { }");
        }
        List<String> paths = workspace.glob(step.getFiles());
        if (paths.isEmpty()) {
            throw new AbortException("mlArtifact: files: '" + step.getFiles() + "' matches no file in the workspace");
        }
        Path staging = services.registry().root().resolve(".staging").resolve(UUID.randomUUID().toString());
        try {
            List<Digests> digests = new ArrayList<>();
            for (String path : paths) {
                SafePaths.check("files", path);
                Path target = staging.resolve(path);
                Files.createDirectories(target.getParent());
                try (InputStream in = workspace.read(path); OutputStream out = Files.newOutputStream(target)) {
                    digests.add(Digests.copy(in, out));
                }
            }
            String prefix = "ml/models/" + step.getName() + "/files-" + contentId(paths, digests) + "/";
            services.artifacts().archive(run, listener, staging, prefix, paths);
            List<ModelFile> files = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                Digests d = digests.get(i);
                files.add(new ModelFile(paths.get(i), d.size(), d.sha256(), run.getExternalizableId(),
                        prefix + paths.get(i)));
            }
            return files;
        } finally {
            deleteTree(staging);
        }
    }

    private static String contentId(List<String> paths, List<Digests> digests) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < paths.size(); i++) {
                sha.update((paths.get(i) + "\0" + digests.get(i).sha256() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // a leftover staging directory is ignored by the registry and removed with the next one's parent
        }
    }

    /** Lineage fields, filled in two steps (the build, then the training run). */
    record LineageBuilder(String job, Integer buildNumber, String buildUrl, String buildId, String gitCommit,
                          String image, String imageDigest, String runName, Map<String, Object> params,
                          Map<String, Double> metrics, Map<String, Object> inputs, String cacheKey) {

        LineageBuilder(String job, Integer buildNumber, String buildUrl, String buildId) {
            this(job, buildNumber, buildUrl, buildId, null, null, null, null, null, null, null, null);
        }

        Lineage build() {
            return new Lineage(job, buildNumber, buildUrl, buildId, gitCommit, image, imageDigest, runName, params,
                    metrics, inputs, cacheKey);
        }
    }
}
