package io.jenkins.plugins.mlpipeline.models;

import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model version's content read from the map mlTrain returned (its keys: RunMaps.KEYS in the steps package). No
 * bytes are copied: each output already is an artifact of the build named by {@code build}.
 *
 * @param files     one per entry of {@code outputs}
 * @param uri       {@code remoteModel.uri}, or null
 * @param uriSha256 {@code remoteModel.sha256}, or null
 */
record RunModelSource(Map<String, Object> run, List<ModelFile> files, String uri, String uriSha256) {

    static RunModelSource of(Map<String, Object> run) {
        Object status = run.get("status");
        if (!"SUCCEEDED".equals(status)) {
            throw new IllegalArgumentException("run: the training run " + run.get("id") + " has status " + status
                    + "; only a SUCCEEDED run can be registered");
        }
        List<ModelFile> files = new ArrayList<>();
        Object outputs = run.get("outputs");
        if (outputs != null && !(outputs instanceof List)) {
            throw new IllegalArgumentException("run.outputs: must be a list of files, got " + outputs);
        }
        List<?> outputList = outputs == null ? List.of() : (List<?>) outputs;
        String build = text(run.get("build"));
        if (!outputList.isEmpty() && build == null) {
            throw new IllegalArgumentException("run.build: missing; it names the build holding the outputs (pass the"
                    + " map mlTrain returned unchanged)");
        }
        for (int i = 0; i < outputList.size(); i++) {
            String field = "run.outputs[" + i + "]";
            if (!(outputList.get(i) instanceof Map<?, ?> file)) {
                throw new IllegalArgumentException(field + ": must be a map with path, size, sha256, artifact");
            }
            String path = SafePaths.check(field + ".path", text(file.get("path")));
            String artifact = SafePaths.check(field + ".artifact", text(file.get("artifact")));
            String sha = ModelNames.sha256(field + ".sha256", text(file.get("sha256")));
            if (!(file.get("size") instanceof Number size)) {
                throw new IllegalArgumentException(field + ".size: must be a number of bytes, got " + file.get("size"));
            }
            files.add(new ModelFile(path, size.longValue(), sha, build, artifact));
        }
        String uri = null;
        String uriSha256 = null;
        if (run.get("remoteModel") instanceof Map<?, ?> remote) {
            uri = text(remote.get("uri"));
            uriSha256 = text(remote.get("sha256"));
        }
        if (files.isEmpty() && uri == null) {
            throw new IllegalArgumentException("run: the training run " + run.get("id") + " has no outputs and no"
                    + " remoteModel; nothing to register (write the model under the output directory)");
        }
        return new RunModelSource(run, files, uri, uriSha256);
    }

    /** Adds what the run knows: image, digest, params, metrics, inputs, git commit, cache key, Job name. */
    MlArtifactStepExecution.LineageBuilder lineage(MlArtifactStepExecution.LineageBuilder b) {
        return new MlArtifactStepExecution.LineageBuilder(b.job(), b.buildNumber(), b.buildUrl(), b.buildId(),
                text(run.get("gitCommit")), text(run.get("image")), text(run.get("imageDigest")),
                text(run.get("name")), map("params"), metrics(), map("inputs"), text(run.get("cacheKey")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String key) {
        Object value = run.get(key);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    private Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (run.get("metrics") instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    metrics.put(String.valueOf(e.getKey()), n.doubleValue());
                }
            }
        }
        return metrics;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
