package io.jenkins.plugins.mlpipeline.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientImpl;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.logs.Fabric8PodLogSource;
import io.jenkins.plugins.mlpipeline.logs.LogFollowSettings;
import io.jenkins.plugins.mlpipeline.logs.LogPosition;
import io.jenkins.plugins.mlpipeline.logs.RunLogFollower;
import io.jenkins.plugins.mlpipeline.metrics.MetricsParser;
import io.jenkins.plugins.mlpipeline.metrics.MetricsRecorder;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Benchmark 2: one finished pod's log (a real local process wrote it through the emulator's kubelet) read by the
 * core {@link RunLogFollower} into a build-log sink (UTF-8 bytes into a discarding stream, every line through the
 * {@link MetricsParser} and the resume de-duplication) versus the same HTTP request read raw with the same OkHttp
 * client and thrown away. Alternating rounds; medians.
 */
final class LogStreamingBench {

    static final String IMAGE = "bench-log:1";
    private static final int LINES = 300_000;
    private static final int METRICS_EVERY = 10;
    private static final int ROUNDS = 3;

    /**
     * @param lines        container lines in the log
     * @param bodyBytes    bytes of the HTTP body (with kubelet timestamps)
     * @param engineSeconds median time of the engine path
     * @param rawSeconds   median time of the raw read
     * @param fabric8Seconds median time of the same stream opened through fabric8 ({@code getLogInputStream}) and
     *                     discarded: separates the client's transport cost from the engine's per-line work
     * @param metricsEvents metrics events the engine path parsed in one round
     */
    record Figures(int lines, long bodyBytes, double engineSeconds, double rawSeconds, double fabric8Seconds,
                   long metricsEvents) {

        double fabric8MBps() {
            return bodyBytes / 1e6 / fabric8Seconds;
        }

        double engineLinesPerSecond() {
            return lines / engineSeconds;
        }

        double rawLinesPerSecond() {
            return lines / rawSeconds;
        }

        double engineMBps() {
            return bodyBytes / 1e6 / engineSeconds;
        }

        double rawMBps() {
            return bodyBytes / 1e6 / rawSeconds;
        }

        double ratio() {
            return rawSeconds / engineSeconds;
        }
    }

    Figures run() throws Exception {
        Path dir = Files.createTempDirectory("ml-bench-log");
        Path logFile = dir.resolve("train.log");
        writeLog(logFile);
        ExecutorService readers = Executors.newCachedThreadPool();
        try (ClusterEmulator emu = ClusterEmulator.builder().build()) {
            emu.script(IMAGE, ContainerScript.localProcess());
            KubernetesClient client = emu.client();
            // No params: they would become extra argv items of cat.
            TrainingSpec spec = TrainingSpec.builder().name("train").image(IMAGE).command("cat", logFile.toString()).build();
            RunRef ref = new io.jenkins.plugins.mlpipeline.launch.JobLauncher(client)
                    .launch(BenchJobs.render(spec, "logs", 0)).ref();
            Pod pod = awaitSucceededPod(client, ref.name());
            String url = emu.url() + "/api/v1/namespaces/" + ref.namespace() + "/pods/" + pod.getMetadata().getName()
                    + "/log?container=" + JobLabels.MAIN_CONTAINER + "&timestamps=true";
            OkHttpClient okHttp = ((OkHttpClientImpl) client.getHttpClient()).getOkHttpClient();

            long bodyBytes = readRaw(okHttp, url).bytes; // warm-up of both paths
            EngineRead warm = readWithEngine(client, pod, readers);
            checkComplete(warm);
            List<Double> raw = new ArrayList<>();
            List<Double> engine = new ArrayList<>();
            List<Double> fabric8 = new ArrayList<>();
            long metricsEvents = 0;
            for (int round = 0; round < ROUNDS; round++) {
                RawRead r = readRaw(okHttp, url);
                if (r.lines != LINES || r.bytes != bodyBytes) {
                    throw new IllegalStateException("raw read got " + r.lines + " lines / " + r.bytes + " bytes, expected "
                            + LINES + " / " + bodyBytes);
                }
                raw.add(r.seconds);
                EngineRead e = readWithEngine(client, pod, readers);
                checkComplete(e);
                engine.add(e.seconds);
                RawRead f8 = readFabric8(client, pod);
                if (f8.bytes != bodyBytes) {
                    throw new IllegalStateException("fabric8 read got " + f8.bytes + " bytes, expected " + bodyBytes);
                }
                fabric8.add(f8.seconds);
                metricsEvents = e.metricsEvents;
                say("round %d: raw %.3f s, fabric8 stream %.3f s, engine %.3f s", round + 1, r.seconds, f8.seconds,
                        e.seconds);
            }
            Figures f = new Figures(LINES, bodyBytes, median(engine), median(raw), median(fabric8), metricsEvents);
            say("%,d lines, %s: engine %,.0f lines/s %.1f MB/s; raw %,.0f lines/s %.1f MB/s", f.lines(),
                    Format.mib(f.bodyBytes()), f.engineLinesPerSecond(), f.engineMBps(), f.rawLinesPerSecond(), f.rawMBps());
            return f;
        } finally {
            readers.shutdownNow();
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(dir);
        }
    }

    /** Training-like output: progress lines, and every tenth line a metrics event. */
    private static void writeLog(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                if (i % METRICS_EVERY == 0) {
                    w.write(String.format(Locale.ROOT, "{\"step\": %d, \"loss\": %.6f, \"lr\": 0.001, \"val\": {\"acc\": %.4f}}",
                            i, 1.0 / (i + 1), i / (double) LINES));
                } else {
                    w.write(String.format(Locale.ROOT, "epoch %d batch %d/1000 loss=%.6f lr=0.001 throughput=812.4 samples/s",
                            i / 1000, i % 1000, 1.0 / (i + 1)));
                }
                w.newLine();
            }
        }
    }

    private static Pod awaitSucceededPod(KubernetesClient client, String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<Pod> pods = client.pods().inNamespace(BenchJobs.NAMESPACE).withLabel("batch.kubernetes.io/job-name", job)
                    .list().getItems();
            for (Pod p : pods) {
                if (p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase())) {
                    return p;
                }
                if (p.getStatus() != null && "Failed".equals(p.getStatus().getPhase())) {
                    throw new IllegalStateException("the log writer pod failed: " + p.getStatus());
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the log writer pod did not finish within 2 minutes");
    }

    private record RawRead(long bytes, long lines, double seconds) {
    }

    private static RawRead readRaw(OkHttpClient okHttp, String url) throws IOException {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + ClusterEmulator.DEFAULT_TOKEN)
                .build();
        long start = System.nanoTime();
        long bytes = 0;
        long lines = 0;
        try (Response response = okHttp.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("raw log read: HTTP " + response.code());
            }
            ResponseBody body = response.body();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = body.byteStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
        }
        return new RawRead(bytes, lines, (System.nanoTime() - start) / 1e9);
    }

    private static RawRead readFabric8(KubernetesClient client, Pod pod) throws IOException {
        long start = System.nanoTime();
        long bytes = 0;
        try (InputStream in = new Fabric8PodLogSource(client).open(BenchJobs.NAMESPACE, pod.getMetadata().getName(),
                JobLabels.MAIN_CONTAINER, null, false)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
            }
        }
        return new RawRead(bytes, -1, (System.nanoTime() - start) / 1e9);
    }

    private record EngineRead(long containerLines, long metricsEvents, long sinkBytes, double seconds, boolean drained) {
    }

    private static EngineRead readWithEngine(KubernetesClient client, Pod pod, ExecutorService readers) {
        BuildLogSink sink = new BuildLogSink();
        long start = System.nanoTime();
        try (RunLogFollower follower = new RunLogFollower(new Fabric8PodLogSource(client), BenchJobs.NAMESPACE,
                JobLabels.MAIN_CONTAINER, LogPosition.START, sink, readers, LogFollowSettings.DEFAULTS)) {
            follower.onPodsChanged(List.of(pod));
            boolean drained = follower.awaitDrained(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new EngineRead(sink.containerLines, sink.metricsEvents, sink.out.count, seconds, drained);
        }
    }

    private static void checkComplete(EngineRead read) {
        if (!read.drained || read.containerLines != LINES || read.metricsEvents != LINES / METRICS_EVERY) {
            throw new IllegalStateException("engine read incomplete: drained=" + read.drained + ", " + read.containerLines
                    + " lines (expected " + LINES + "), " + read.metricsEvents + " metrics events (expected "
                    + LINES / METRICS_EVERY + ")");
        }
    }

    /** What the Jenkins step does with each line: parse metrics, write it to the build log. */
    private static final class BuildLogSink implements io.jenkins.plugins.mlpipeline.logs.LogSink {
        final MetricsParser parser = new MetricsParser();
        final MetricsRecorder metrics = new MetricsRecorder();
        final CountingDiscard out = new CountingDiscard();
        long containerLines;
        long metricsEvents;

        @Override
        public void line(String text) {
            if (!text.startsWith("[ml] ")) {
                containerLines++;
            }
            parser.parse(text).ifPresent(event -> {
                metricsEvents++;
                metrics.record(event);
            });
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    private static final class CountingDiscard extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b) {
            count += b.length;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void say(String format, Object... args) {
        System.out.println("[logs] " + String.format(Locale.ROOT, format, args));
    }
}
