package io.jenkins.plugins.mlpipeline.bench;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogManager;

/** Runs the benchmarks selected by {@link BenchOptions}, prints each one's ratio last, and writes the report. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        BenchOptions options = BenchOptions.fromSystemProperties();
        long start = System.nanoTime();
        Report report = new Report(options);
        if (options.runs("tracking")) {
            TrackingScaleBench bench = new TrackingScaleBench(options.window(), options.pollerWindow());
            List<TrackingScaleBench.Figures> figures = new ArrayList<>();
            for (int n : options.sizes()) {
                figures.add(bench.run(n));
            }
            report.tracking(figures);
            TrackingScaleBench.Figures largest = figures.get(figures.size() - 1);
            System.out.println("[tracking] ratio (poller / engine API requests per run, N=" + largest.n() + "): "
                    + Format.ratio(largest.requestRatio()) + " (target >= 100x)");
        }
        if (options.runs("logs")) {
            LogStreamingBench.Figures logs = new LogStreamingBench().run();
            report.logs(logs);
            System.out.println("[logs] ratio (engine / raw MB/s): " + Format.ratio(logs.ratio()) + " (target >= 0.80x)");
        }
        if (options.runs("launch")) {
            LaunchRateBench.Figures launch = new LaunchRateBench().run();
            report.launch(launch);
            System.out.println("[launch] ratio (engine / bare fabric8 launches per second): " + Format.ratio(launch.ratio())
                    + " (target >= 0.90x)");
        }
        if (options.runs("restart")) {
            RestartRecoveryBench.Figures restart = new RestartRecoveryBench().run();
            report.restart(restart);
            System.out.println("[restart] ratio (runs re-attached / runs in flight): "
                    + Format.ratio(restart.reattachedRatio()) + ", duplicate Jobs " + restart.duplicateJobs()
                    + ", lost lines " + restart.lostLines() + ", duplicated lines " + restart.duplicatedLines()
                    + " (target 1.00x, 0, 0, 0)");
        }
        if (options.runs("output")) {
            OutputCollectionBench.Figures output = new OutputCollectionBench(options.outputMiB() * 1024L * 1024,
                    options.outputFiles(), OutputCollectionBench.ROUNDS).run();
            report.output(output);
            System.out.println("[output] ratio (engine / tar -xf MB/s): " + Format.ratio(output.ratio())
                    + " (target >= 0.90x); engine / same exec into tar -xf -: " + Format.ratio(output.ratioToPipedTar())
                    + "; heap growth " + Format.mib(output.liveHeapGrowth()) + " (target <= 64 MiB)");
        }
        report.totalSeconds((System.nanoTime() - start) / 1e9);
        if (options.report() != null) {
            report.write(options.report());
            System.out.println("[bench] report written to " + options.report());
        }
        System.exit(0); // OkHttp's non-daemon threads of closed clients linger for a minute
    }

    private static void quietLogging() throws Exception {
        try (InputStream in = BenchMain.class.getResourceAsStream("/bench-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        }
    }
}
