package io.jenkins.plugins.mlpipeline.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A run of some benchmarks rewrites their rows and sections and keeps the others' from the earlier report. */
class ReportMergeTest {

    private static final String EARLIER = """
            # Benchmarks

            | | |
            |---|---|
            | date | 2026-11-22 18:10 UTC |
            | benchmarks run | launch, logs, restart, tracking in 231 s |

            ## Summary

            | benchmark | figure | target | measured | met |
            |---|---|---|---|---|
            | 1 tracking | heap per tracked run, N=10000 | <= 16 KB | 11.5 KiB | yes |
            | 2 logs | engine / raw MB/s | >= 0.80x | 0.31x | **no** |
            | 5 output | tar + sha256 vs tar -xf | >= 0.90x | pending (issue 4) | - |

            ## 1. Tracking scale

            Tracking text | with a table | row |

            ## 2. Log streaming

            Log text.

            ## Targets missed, and why

            - old explanation

            ## 5. Output collection (tar stream over exec)

            Pending: depends on issue 4.
            """;

    private static OutputCollectionBench.Figures output() {
        return OutputCollectionBenchTest.figures(5.0, 4.5, 3.0);
    }

    private static Report outputOnly() {
        Report report = new Report(new BenchOptions(List.of(100), Set.of("output"), null, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 1024, 10_000));
        report.output(output());
        return report;
    }

    @Test
    void otherBenchmarksKeepTheirRowsAndSectionsWithTheDateTheyWereMeasured() {
        String md = outputOnly().markdown(EarlierReport.parse(EARLIER));

        assertThat(md).contains("| 1 tracking | heap per tracked run, N=10000 | <= 16 KB | 11.5 KiB | yes |\n"
                + "| 2 logs | engine / raw MB/s | >= 0.80x | 0.31x | **no** |\n| 5 output | engine");
        assertThat(md).doesNotContain("pending", "Pending", "old explanation");
        assertThat(md).contains("## 1. Tracking scale\n\n_Kept from the run of 2026-11-22 18:10 UTC; not part of the "
                + "latest run._\n\nTracking text | with a table | row |\n\n## 2. Log streaming");
        assertThat(md).contains("| kept from earlier runs | 1 tracking, 2 logs (each section says when it was measured) |");
        assertThat(md).contains("| benchmarks run | output in ");
        assertThat(md.indexOf("## 2. Log streaming")).isLessThan(md.indexOf("## 5. Output collection"));
        assertThat(md.indexOf("## 5. Output collection")).isLessThan(md.indexOf("## Targets missed, and why"));
        assertThat(md.split("## Targets missed, and why", -1)).hasSize(2);
    }

    @Test
    void aSectionKeptTwiceKeepsItsFirstDateAndOneNote() {
        String once = outputOnly().markdown(EarlierReport.parse(EARLIER));
        // The next run's header has a newer date; the kept section must still name the run that measured it.
        String twice = outputOnly().markdown(EarlierReport.parse(once.replaceFirst("\\| date \\| [^|]+\\|",
                "| date | 2030-01-01 00:00 UTC |")));
        assertThat(twice.split("_Kept from the run of ", -1)).hasSize(3); // sections 1 and 2, once each
        assertThat(twice).contains("_Kept from the run of 2026-11-22 18:10 UTC; not part of the latest run._\n\n"
                + "Tracking text").doesNotContain("2030-01-01 00:00 UTC; not part");
    }

    @Test
    void anEarlierFileWithoutDateOrSectionsKeepsNothingItCannotPlace() {
        EarlierReport noDate = EarlierReport.parse("## 2. Log streaming\n\nLog text.\n");
        assertThat(noDate.keptSection(2)).hasValue("## 2. Log streaming\n\n_Kept from the run of an earlier date; not "
                + "part of the latest run._\n\nLog text.\n\n");
        EarlierReport garbage = EarlierReport.parse("not a report at all\n| 3 launch | stray row outside a summary |\n");
        assertThat(garbage.sections()).isEmpty();
        assertThat(garbage.rows()).isEmpty();
        String md = outputOnly().markdown(garbage);
        assertThat(md).doesNotContain("kept from earlier runs", "stray row");
    }

    @Test
    void aMissedOutputTargetIsExplainedAndListedAndAMetOneIsNot() {
        String missed = outputOnly().markdown();
        assertThat(missed).contains("**Why the target is missed.**", Report.OUTPUT_MISSED.strip());

        Report met = new Report(new BenchOptions(List.of(100), Set.of("output"), null, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 1024, 10_000));
        met.output(OutputCollectionBenchTest.figures(3.0, 3.0, 3.0));
        assertThat(met.markdown()).contains("| >= 0.90x | 1.00x | yes |")
                .doesNotContain("**Why the target is missed.**", "**Output collection (5).**");

        // Not run now: whether it is listed follows the kept summary row.
        Report logsOnly = new Report(new BenchOptions(List.of(100), Set.of("logs"), null, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 1024, 10_000));
        assertThat(logsOnly.markdown(EarlierReport.parse(missed))).contains("**Output collection (5).**");
        assertThat(logsOnly.markdown(EarlierReport.parse(met.markdown()))).doesNotContain("**Output collection (5).**");
    }

    @Test
    void writingMergesWithTheFileItReplaces(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("docs/benchmarks.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, EARLIER, StandardCharsets.UTF_8);
        outputOnly().write(file);
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).contains("Tracking text", "Log text.", "## 5. Output collection").doesNotContain("Pending");

        Path fresh = tmp.resolve("new/benchmarks.md");
        outputOnly().write(fresh);
        assertThat(Files.readString(fresh, StandardCharsets.UTF_8)).doesNotContain("## 1. Tracking scale",
                "kept from earlier runs");
    }
}
