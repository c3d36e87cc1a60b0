package io.jenkins.plugins.mlpipeline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an earlier {@code docs/benchmarks.md} that a run of only some benchmarks keeps: per benchmark number,
 * its rows of the summary table and its numbered section. A quick run of one benchmark then updates that benchmark
 * and leaves the others' published figures alone. Sections are found by their headings ({@code ## 3. Launch rate}),
 * summary rows by their first cell ({@code | 3 launch |}); anything else in the file is regenerated.
 *
 * @param date     the {@code date} row of the earlier run, or null
 * @param rows     summary rows by benchmark number, in file order
 * @param sections section text by benchmark number, from its heading to the next heading
 */
record EarlierReport(String date, Map<Integer, List<String>> rows, Map<Integer, String> sections) {

    /** Starts the note on a section kept from an earlier run; a section that has one keeps it. */
    static final String KEPT_NOTE = "_Kept from the run of ";

    private static final Pattern NUMBERED_HEADING = Pattern.compile("## (\\d+)\\. .*");
    private static final Pattern SUMMARY_ROW = Pattern.compile("\\| (\\d+) .*");
    private static final Pattern DATE_ROW = Pattern.compile("\\| date \\| (.+?) \\|");

    static final EarlierReport NONE = new EarlierReport(null, Map.of(), Map.of());

    static EarlierReport parse(String markdown) {
        String date = null;
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        Map<Integer, StringBuilder> sections = new LinkedHashMap<>();
        String heading = "";
        StringBuilder section = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                heading = line;
                Matcher numbered = NUMBERED_HEADING.matcher(line);
                section = numbered.matches() ? new StringBuilder() : null;
                if (section != null) {
                    sections.put(Integer.parseInt(numbered.group(1)), section);
                }
            }
            if (section != null) {
                section.append(line).append('\n');
            }
            Matcher dateRow = DATE_ROW.matcher(line);
            if (date == null && heading.isEmpty() && dateRow.matches()) {
                date = dateRow.group(1);
            }
            Matcher row = SUMMARY_ROW.matcher(line);
            if (heading.equals("## Summary") && row.matches()) {
                rows.computeIfAbsent(Integer.parseInt(row.group(1)), n -> new ArrayList<>()).add(line);
            }
        }
        Map<Integer, String> texts = new LinkedHashMap<>();
        sections.forEach((n, text) -> texts.put(n, text.toString().strip() + "\n\n"));
        return new EarlierReport(date, rows, texts);
    }

    /** The section, with a note saying which run measured it (added only if it has none yet). */
    Optional<String> keptSection(int number) {
        String text = sections.get(number);
        if (text == null) {
            return Optional.empty();
        }
        if (text.contains("\n" + KEPT_NOTE)) {
            return Optional.of(text);
        }
        int endOfHeading = text.indexOf('\n');
        String note = KEPT_NOTE + (date == null ? "an earlier date" : date) + "; not part of the latest run._\n";
        return Optional.of(text.substring(0, endOfHeading + 1) + "\n" + note + text.substring(endOfHeading + 1));
    }

    List<String> keptRows(int number) {
        return rows.getOrDefault(number, List.of());
    }
}
