package io.jenkins.plugins.mlpipeline.demo.report;

import io.jenkins.plugins.mlpipeline.registry.AliasChange;
import io.jenkins.plugins.mlpipeline.registry.Lineage;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelSummary;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered model as a report section: problems the registry found, aliases, versions (newest first, each with
 * its lineage and files behind a {@code <details>}), and the alias history (newest first).
 */
final class ModelSection {

    private ModelSection() {
    }

    static String label(ModelSummary model, int index) {
        return model.model() == null || model.model().isBlank() ? "model " + (index + 1) : model.model();
    }

    static String anchor(int index) {
        return "model-" + (index + 1);
    }

    static void write(Markup out, ModelSummary model, int index) {
        out.open("section", "id", anchor(index));
        out.element("h3", label(model, index));
        problems(out, model.problems());
        aliases(out, model.aliases());
        versions(out, model);
        history(out, model.history());
        out.close();
    }

    private static void problems(Markup out, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.element("h4", "Problems (" + problems.size() + ")");
        out.open("ul");
        for (String problem : problems) {
            out.element("li", Values.display(problem));
        }
        out.close();
    }

    private static void aliases(Markup out, Map<String, Integer> aliases) {
        out.element("h4", "Aliases");
        if (aliases.isEmpty()) {
            out.element("p", "None.");
            return;
        }
        Blocks.openTable(out, "alias", "version");
        aliases.forEach((alias, version) -> Blocks.row(out, alias, String.valueOf(version)));
        Blocks.closeTable(out);
    }

    private static void versions(Markup out, ModelSummary model) {
        out.element("h4", "Versions");
        List<ModelVersion> versions = new ArrayList<>(model.versions());
        if (versions.isEmpty()) {
            out.element("p", "None.");
            return;
        }
        versions.sort((a, b) -> Integer.compare(b.version(), a.version()));
        Blocks.openTable(out, "version", "aliases", "created", "by", "build", "files", "digest", "metrics",
                "git commit");
        for (ModelVersion version : versions) {
            Lineage lineage = version.lineage();
            out.open("tr");
            out.element("td", Integer.toString(version.version()));
            out.element("td", aliasesOf(model.aliases(), version.version()));
            out.element("td", Values.orNone(version.created()));
            out.element("td", Values.orNone(version.user()));
            out.element("td", Values.orNone(lineage.buildId()));
            out.element("td", fileCount(version.files()));
            Blocks.hashCell(out, digest(version));
            out.element("td", metrics(lineage.metrics()));
            Blocks.hashCell(out, lineage.gitCommit());
            out.close();
        }
        Blocks.closeTable(out);
        for (ModelVersion version : versions) {
            details(out, version);
        }
    }

    private static void details(Markup out, ModelVersion version) {
        Lineage lineage = version.lineage();
        out.open("details");
        out.element("summary", "Version " + version.version() + ": lineage and files");
        Blocks.openTable(out);
        Blocks.fact(out, "Job", Values.orNone(lineage.job()));
        Blocks.fact(out, "Build", Values.orNone(lineage.buildId()));
        // The build URL is shown as text, not as a link: the page must not point anywhere.
        Blocks.fact(out, "Build URL", Values.orNone(lineage.buildUrl()));
        Blocks.fact(out, "Training run", Values.orNone(lineage.runName()));
        Blocks.fact(out, "Image", Values.orNone(lineage.image()));
        Blocks.hashFact(out, "Image digest", lineage.imageDigest());
        Blocks.hashFact(out, "Git commit", lineage.gitCommit());
        Blocks.hashFact(out, "Cache key", lineage.cacheKey());
        Blocks.fact(out, "URI", Values.orNone(version.uri()));
        Blocks.hashFact(out, "URI sha256", version.uriSha256());
        Blocks.closeTable(out);
        files(out, version.files());
        Blocks.valueTable(out, "Parameters", "parameter", new LinkedHashMap<>(lineage.params()));
        Blocks.valueTable(out, "Metrics", "metric", new LinkedHashMap<>(lineage.metrics()));
        Blocks.valueTable(out, "Inputs", "input", new LinkedHashMap<>(lineage.inputs()));
        Blocks.valueTable(out, "Metadata", "key", new LinkedHashMap<>(version.metadata()));
        out.close();
    }

    private static void files(Markup out, List<ModelFile> files) {
        out.element("h4", "Files");
        if (files.isEmpty()) {
            out.element("p", "None.");
            return;
        }
        Blocks.openTable(out, "path", "size", "sha256", "build", "artifact");
        for (ModelFile file : files) {
            out.open("tr");
            out.element("td", Values.orNone(file.path()));
            out.element("td", Formats.bytes(file.size()));
            Blocks.hashCell(out, file.sha256());
            out.element("td", Values.orNone(file.buildId()));
            out.element("td", Values.orNone(file.artifactPath()));
            out.close();
        }
        Blocks.closeTable(out);
    }

    private static void history(Markup out, List<AliasChange> history) {
        out.element("h4", "Alias history (newest first)");
        if (history.isEmpty()) {
            out.element("p", "None.");
            return;
        }
        Blocks.openTable(out, "when", "alias", "version", "previous version", "by", "build");
        for (int i = history.size() - 1; i >= 0; i--) {
            AliasChange change = history.get(i);
            Blocks.row(out, Values.orNone(change.at()), Values.orNone(change.alias()),
                    Integer.toString(change.version()),
                    change.previousVersion() == null ? "(new alias)" : change.previousVersion().toString(),
                    change.user() == null ? "(not recorded)" : change.user(), Values.orNone(change.build()));
        }
        Blocks.closeTable(out);
    }

    /**
     * The digest that identifies a version's bytes: the URI's for a remote model, the file's for a single file.
     * Several files have no single digest; their own digests are in the version's details.
     */
    private static String digest(ModelVersion version) {
        if (version.uriSha256() != null) {
            return version.uriSha256();
        }
        if (version.files().size() == 1) {
            return version.files().get(0).sha256();
        }
        return null;
    }

    private static String aliasesOf(Map<String, Integer> aliases, int version) {
        List<String> names = new ArrayList<>();
        aliases.forEach((alias, target) -> {
            if (target != null && target == version) {
                names.add(alias);
            }
        });
        return names.isEmpty() ? Values.NONE : String.join(", ", names);
    }

    private static String fileCount(List<ModelFile> files) {
        long bytes = 0;
        for (ModelFile file : files) {
            bytes += Math.max(0, file.size());
        }
        return files.size() + (files.size() == 1 ? " file, " : " files, ") + Formats.bytes(bytes);
    }

    private static String metrics(Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return Values.NONE;
        }
        List<String> pairs = new ArrayList<>();
        metrics.forEach((name, value) -> pairs.add(name + " = " + Values.display(value)));
        return Values.cut(String.join(", ", pairs));
    }
}
