package io.jenkins.plugins.mlpipeline.demo.report;

import java.util.Map;

/**
 * Building blocks shared by the run and model sections. Tables carry {@code border} and {@code cellpadding}: obsolete
 * HTML, but the only way to draw cell borders when Jenkins' Content-Security-Policy forbids inline CSS.
 */
final class Blocks {

    private Blocks() {
    }

    static Markup openTable(Markup out, String... headings) {
        out.open("table", "border", "1", "cellpadding", "4");
        if (headings.length > 0) {
            out.open("thead").open("tr");
            for (String heading : headings) {
                out.element("th", heading, "scope", "col");
            }
            out.close().close();
        }
        return out.open("tbody");
    }

    /** Closes what {@link #openTable} opened. */
    static Markup closeTable(Markup out) {
        return out.close().close();
    }

    /** A row of plain text cells. */
    static Markup row(Markup out, String... cells) {
        out.open("tr");
        for (String cell : cells) {
            out.element("td", cell);
        }
        return out.close();
    }

    /** A row with a heading cell and a value, for tables of facts about one thing. */
    static Markup fact(Markup out, String name, String value) {
        return out.open("tr").element("th", name, "scope", "row").element("td", value).close();
    }

    /** A cell with a digest or commit shortened to {@link Formats#SHORT_HASH} digits, the full value as tooltip. */
    static Markup hashCell(Markup out, String hash) {
        out.open("td");
        if (hash == null) {
            out.text(Values.NONE);
        } else {
            out.element("code", Formats.shortHash(hash), "title", hash);
        }
        return out.close();
    }

    /** Like {@link #fact} for a digest or commit, shown as {@link #hashCell}. */
    static Markup hashFact(Markup out, String name, String hash) {
        out.open("tr").element("th", name, "scope", "row");
        return hashCell(out, hash).close();
    }

    /** A heading, then {@code values} as a name/value table, or "None." when empty. */
    static Markup valueTable(Markup out, String heading, String nameHeading, Map<String, Object> values) {
        out.element("h4", heading);
        if (values.isEmpty()) {
            return out.element("p", "None.");
        }
        openTable(out, nameHeading, "value");
        values.forEach((name, value) -> row(out, Values.cut(name), Values.display(value)));
        return closeTable(out);
    }
}
