package io.jenkins.plugins.mlpipeline.demo.report;

import java.util.List;
import java.util.Map;

/** One mlTrain run map as a report section: its facts, parameters, final metrics, outputs and result. */
final class RunSection {

    private RunSection() {
    }

    /** What the report calls run {@code index} (0-based): its name, else {@code run 1}, {@code run 2}... */
    static String label(Object run, int index) {
        String name;
        try {
            name = Values.string(run, "name");
        } catch (RuntimeException unreadable) {
            name = null; // the run's own section reports the failure
        }
        return name == null ? "run " + (index + 1) : name;
    }

    /**
     * The legend's name of a run: its label and the build that returned it, since a cache hit returns the same run
     * (same name) in another build.
     */
    static String chartLabel(Object run, int index) {
        String build;
        boolean cached;
        try {
            build = Values.string(run, "build");
            cached = "true".equals(Values.string(run, "cached"));
        } catch (RuntimeException unreadable) {
            build = null;
            cached = false;
        }
        String label = label(run, index);
        return build == null ? label : label + " (" + build + (cached ? ", cached" : "") + ")";
    }

    static String anchor(int index) {
        return "run-" + (index + 1);
    }

    static void write(Markup out, Object run, int index) {
        out.open("section", "id", anchor(index));
        out.open("h3");
        swatch(out, index);
        out.text(" " + label(run, index)).close();
        facts(out, run);
        String message = Values.string(run, "message");
        if (message != null) {
            out.element("h4", "Message").element("pre", Values.cut(message));
        }
        Blocks.valueTable(out, "Parameters", "parameter", Values.map(run, "params"));
        Blocks.valueTable(out, "Final metrics", "metric", Values.map(run, "metrics"));
        outputs(out, run);
        Blocks.valueTable(out, "Result (result.json)", "key", Values.map(run, "result"));
        Map<String, Object> inputs = Values.map(run, "inputs");
        if (!inputs.isEmpty()) {
            Blocks.valueTable(out, "Inputs", "input", inputs);
        }
        Map<String, Object> remoteModel = Values.map(run, "remoteModel");
        if (!remoteModel.isEmpty()) {
            Blocks.valueTable(out, "Remote model", "key", remoteModel);
        }
        out.close();
    }

    /** A square in the run's chart color, so the section and the chart lines can be matched. */
    private static void swatch(Markup out, int index) {
        out.open("svg", "width", "12", "height", "12", "viewBox", "0 0 12 12", "aria-hidden", "true");
        out.empty("rect", "x", "0", "y", "0", "width", "12", "height", "12", "fill", Palette.color(index));
        out.close();
    }

    private static void facts(Markup out, Object run) {
        Blocks.openTable(out);
        String status = Values.orNone(Values.string(run, "status"));
        String reason = Values.string(run, "reason");
        Blocks.fact(out, "Status", reason == null ? status : status + " (" + reason + ")");
        String cachedFrom = Values.string(run, "cachedFrom");
        Blocks.fact(out, "Cached", !Values.isTrue(run, "cached") ? "no"
                : cachedFrom == null ? "yes" : "yes, outputs of build " + cachedFrom);
        Blocks.fact(out, "Build", Values.orNone(Values.string(run, "build")));
        Blocks.fact(out, "Kubernetes Job", Values.orNone(Values.string(run, "id")));
        Blocks.fact(out, "Image", Values.orNone(Values.string(run, "image")));
        Blocks.hashFact(out, "Image digest", Values.string(run, "imageDigest"));
        Blocks.hashFact(out, "Git commit", Values.string(run, "gitCommit"));
        Blocks.fact(out, "Started", Values.orNone(Values.string(run, "startTime")));
        Double seconds = Values.number(run, "durationSeconds");
        Blocks.fact(out, "Duration", seconds == null ? Values.NONE : Formats.significant(seconds, 6) + " s");
        Blocks.fact(out, "Attempts", Values.orNone(Values.string(run, "attempts")));
        Blocks.closeTable(out);
    }

    private static void outputs(Markup out, Object run) {
        out.element("h4", "Outputs");
        List<Object> files = Values.list(run, "outputs");
        if (files.isEmpty()) {
            out.element("p", "None.");
            return;
        }
        Blocks.openTable(out, "path", "size", "sha256", "artifact");
        for (Object file : files) {
            out.open("tr");
            out.element("td", Values.orNone(Values.string(file, "path")));
            Double size = Values.number(file, "size");
            out.element("td", size == null ? Values.NONE : Formats.bytes(size));
            Blocks.hashCell(out, Values.string(file, "sha256"));
            out.element("td", Values.orNone(Values.string(file, "artifact")));
            out.close();
        }
        Blocks.closeTable(out);
        Double total = Values.number(run, "outputBytes");
        if (total != null) {
            out.element("p", files.size() + (files.size() == 1 ? " file, " : " files, ") + Formats.bytes(total)
                    + " in all.");
        }
    }
}
