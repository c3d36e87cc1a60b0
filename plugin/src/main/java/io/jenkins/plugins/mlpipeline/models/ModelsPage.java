package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Run;
import io.jenkins.plugins.mlpipeline.artifacts.BuildArtifacts;
import io.jenkins.plugins.mlpipeline.registry.AliasChange;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelRegistry;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What the Models pages show, as plain display strings. Nothing here builds or escapes HTML: the Jelly views
 * escape every value (escape-by-default), and escaping twice would show entities to users.
 */
public final class ModelsPage {

    private final List<ModelView> models;
    private final List<String> problems;

    private ModelsPage(List<ModelView> models, List<String> problems) {
        this.models = models;
        this.problems = problems;
    }

    /**
     * Reads the registry.
     *
     * @param job only versions registered by this job (full name), or null for all
     */
    public static ModelsPage read(ModelRegistry registry, BuildArtifacts artifacts, String job) {
        List<ModelView> models = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, BuildState> builds = new HashMap<>();
        List<String> names;
        try {
            names = registry.models();
        } catch (IOException e) {
            return new ModelsPage(List.of(), List.of("The model registry " + registry.root() + " cannot be read: "
                    + e.getMessage()));
        }
        for (String name : names) {
            try {
                ModelSummary summary = registry.summary(name);
                ModelView view = new ModelView(summary, artifacts, builds, job);
                // A model shows when the viewer may see one of its versions (or it has none yet).
                if (!view.getVersions().isEmpty() || (job == null && summary.versions().isEmpty())) {
                    models.add(view);
                }
            } catch (IOException | RuntimeException e) {
                problems.add("Model " + name + ": " + e.getMessage());
            }
        }
        return new ModelsPage(Collections.unmodifiableList(models), Collections.unmodifiableList(problems));
    }

    public List<ModelView> getModels() {
        return models;
    }

    /** Registry-wide problems (unreadable directory, a model that could not be listed). */
    public List<String> getProblems() {
        return problems;
    }

    /**
     * A build as the viewer sees it, looked up once per page, as the viewer (pages render on the request's thread):
     * whether it still exists at all, whether the viewer may read it, and where its page is.
     */
    record BuildState(boolean exists, boolean readable, String url) {
        static final BuildState NONE = new BuildState(false, false, null);

        static BuildState of(BuildArtifacts artifacts, String buildId) {
            Run<?, ?> run = buildId == null ? null : artifacts.findBuild(buildId);
            if (run == null) {
                return new BuildState(buildId != null && artifacts.buildExists(buildId), false, null);
            }
            String url;
            try {
                url = run.getUrl();
            } catch (RuntimeException e) {
                url = null;
            }
            return new BuildState(true, true, url);
        }

        /**
         * Versions of a build that exists but which the viewer may not read are left out: the page would otherwise
         * show other jobs' params, metrics and commits to anyone with Overall/Read. A deleted build still shows, as
         * "files deleted".
         */
        boolean hidden() {
            return exists && !readable;
        }
    }

    private static BuildState state(Map<String, BuildState> builds, BuildArtifacts artifacts, String buildId) {
        return buildId == null ? BuildState.NONE : builds.computeIfAbsent(buildId, id -> BuildState.of(artifacts, id));
    }

    /** One model: its aliases, versions (newest first), alias history and damaged files. */
    public static final class ModelView {
        private final ModelSummary summary;
        private final List<VersionView> versions = new ArrayList<>();

        ModelView(ModelSummary summary, BuildArtifacts artifacts, Map<String, BuildState> builds, String job) {
            this.summary = summary;
            Map<Integer, List<String>> aliasesByVersion = new TreeMap<>();
            summary.aliases().forEach((alias, version) ->
                    aliasesByVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(alias));
            for (int i = summary.versions().size() - 1; i >= 0; i--) {
                ModelVersion v = summary.versions().get(i);
                if ((job == null || job.equals(v.lineage().job())) && !state(builds, artifacts, v.lineage().buildId())
                        .hidden()) {
                    versions.add(new VersionView(v, aliasesByVersion.getOrDefault(v.version(), List.of()),
                            artifacts, builds));
                }
            }
        }

        public String getName() {
            return summary.model();
        }

        /** {@code production -> 3, staging -> 4}, or a dash. */
        public String getAliases() {
            StringJoiner joined = new StringJoiner(", ");
            summary.aliases().forEach((alias, version) -> joined.add(alias + " \u2192 " + version));
            return joined.length() == 0 ? "\u2014" : joined.toString();
        }

        public List<VersionView> getVersions() {
            return versions;
        }

        /** Alias moves, newest first. */
        public List<HistoryView> getHistory() {
            List<HistoryView> history = new ArrayList<>();
            for (int i = summary.history().size() - 1; i >= 0; i--) {
                history.add(new HistoryView(summary.history().get(i)));
            }
            return history;
        }

        public List<String> getProblems() {
            return summary.problems();
        }
    }

    /** One row of a model's version table. */
    public static final class VersionView {
        private final ModelVersion version;
        private final List<String> aliases;
        private final BuildState build;
        private final boolean filesDeleted;

        VersionView(ModelVersion version, List<String> aliases, BuildArtifacts artifacts,
                    Map<String, BuildState> builds) {
            this.version = version;
            this.aliases = aliases;
            this.build = state(builds, artifacts, version.lineage().buildId());
            boolean deleted = false;
            for (ModelFile file : version.files()) {
                if (!state(builds, artifacts, file.buildId()).exists()) {
                    deleted = true;
                }
            }
            this.filesDeleted = deleted;
        }

        public int getNumber() {
            return version.version();
        }

        public String getCreated() {
            return version.created();
        }

        public String getAliases() {
            return aliases.isEmpty() ? "" : String.join(", ", aliases);
        }

        /** {@code n file(s), bytes} and/or the URI. */
        public String getSource() {
            StringJoiner source = new StringJoiner("; ");
            if (!version.files().isEmpty()) {
                long bytes = version.files().stream().mapToLong(ModelFile::size).sum();
                source.add(version.files().size() + " file(s), " + bytes + " bytes");
            }
            if (version.uri() != null) {
                source.add(version.uri());
            }
            return source.toString();
        }

        /** First 12 hex digits of the first file's SHA-256 (or the URI's), as a reminder, not for checking. */
        public String getDigest() {
            String sha = !version.files().isEmpty() ? version.files().get(0).sha256() : version.uriSha256();
            return shortHex(sha);
        }

        public String getImageDigest() {
            String digest = version.lineage().imageDigest();
            if (digest == null) {
                return "";
            }
            int colon = digest.lastIndexOf(':');
            return colon >= 0 ? digest.substring(0, colon + 1) + shortHex(digest.substring(colon + 1))
                    : shortHex(digest);
        }

        public String getGitCommit() {
            return shortHex(version.lineage().gitCommit());
        }

        public String getMetrics() {
            return joined(version.lineage().metrics());
        }

        public String getParams() {
            return joined(version.lineage().params());
        }

        public String getMetadata() {
            return joined(version.metadata());
        }

        public String getUser() {
            return version.user() == null ? "" : version.user();
        }

        public String getBuildId() {
            return version.lineage().buildId() == null ? "" : version.lineage().buildId();
        }

        /** The build's URL relative to Jenkins' root, or null if it is gone (then no link is shown). */
        public String getBuildUrl() {
            return build.readable() ? build.url() : null;
        }

        /** Whether a build holding the version's files was deleted (with its artifacts). */
        public boolean isFilesDeleted() {
            return filesDeleted;
        }
    }

    /** One alias move. */
    public static final class HistoryView {
        private final AliasChange change;

        HistoryView(AliasChange change) {
            this.change = change;
        }

        public String getAt() {
            return change.at();
        }

        public String getAlias() {
            return change.alias();
        }

        public String getVersion() {
            return String.valueOf(change.version());
        }

        public String getPreviousVersion() {
            return change.previousVersion() == null ? "\u2014" : String.valueOf(change.previousVersion());
        }

        public String getUser() {
            return change.user() == null ? "" : change.user();
        }

        public String getBuild() {
            return change.build() == null ? "" : change.build();
        }
    }

    static String shortHex(String hex) {
        if (hex == null) {
            return "";
        }
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static String joined(Map<String, ?> values) {
        StringJoiner joined = new StringJoiner(", ");
        values.forEach((key, value) -> joined.add(key + "=" + value));
        return joined.toString();
    }
}
