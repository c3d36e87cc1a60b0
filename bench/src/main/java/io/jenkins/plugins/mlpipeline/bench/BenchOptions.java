package io.jenkins.plugins.mlpipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What to run, from system properties (set by bench/pom.xml; see docs/benchmarks.md).
 *
 * @param sizes        tracking-scale sizes ({@code bench.sizes}, default 100,1000,10000)
 * @param only         benchmarks to run ({@code bench.only}: all, or tracking,logs,launch,restart,output)
 * @param report       Markdown file to write, or null ({@code bench.report})
 * @param window       steady-state window of the engine ({@code bench.window}, seconds, default 30: one probe
 *                     period of the tracker)
 * @param pollerWindow steady-state window of the poller ({@code bench.pollerWindow}, seconds, default 10)
 * @param outputMiB    size of the model file of the output-collection benchmark ({@code bench.outputMiB}, MiB,
 *                     default 1024)
 * @param outputFiles  small files beside that model ({@code bench.outputFiles}, default 10000)
 */
record BenchOptions(List<Integer> sizes, Set<String> only, Path report, Duration window, Duration pollerWindow,
                    int outputMiB, int outputFiles) {

    static final Set<String> ALL = Set.copyOf(Report.BENCHMARKS);

    static BenchOptions fromSystemProperties() {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "100,1000,10000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> positive("bench.sizes", s)).toList();
        String onlyText = System.getProperty("bench.only", "all").trim();
        Set<String> only = onlyText.isEmpty() || onlyText.equals("all") ? ALL
                : Set.copyOf(Arrays.stream(onlyText.split(",")).map(String::trim).toList());
        for (String name : only) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("bench.only: unknown benchmark '" + name + "'; allowed: all or a comma "
                        + "list of " + String.join(",", Report.BENCHMARKS));
            }
        }
        String reportText = System.getProperty("bench.report", "").trim();
        Path report = reportText.isEmpty() ? null : Path.of(reportText);
        Duration window = Duration.ofSeconds(positive("bench.window", System.getProperty("bench.window", "30")));
        Duration pollerWindow = Duration.ofSeconds(positive("bench.pollerWindow",
                System.getProperty("bench.pollerWindow", "10")));
        int outputMiB = positive("bench.outputMiB", System.getProperty("bench.outputMiB", "1024"));
        int outputFiles = positive("bench.outputFiles", System.getProperty("bench.outputFiles", "10000"));
        return new BenchOptions(sizes, only, report, window, pollerWindow, outputMiB, outputFiles);
    }

    boolean runs(String benchmark) {
        return only.contains(benchmark);
    }

    private static int positive(String property, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(property + ": expected a positive whole number, got '" + text + "'");
    }
}
