package io.jenkins.plugins.mlpipeline.bench;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;
import io.jenkins.plugins.mlpipeline.launch.JobLauncher;
import io.jenkins.plugins.mlpipeline.outputs.CollectedOutputs;
import io.jenkins.plugins.mlpipeline.outputs.OutputExtractor;
import io.jenkins.plugins.mlpipeline.outputs.OutputFile;
import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import io.jenkins.plugins.mlpipeline.render.OutputSidecar;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark 5: a finished training pod whose output directory holds one large model (random bytes: tar and SHA-256
 * of zeros would flatter both sides) and many small files, collected as the engine does it (fabric8 exec of
 * {@code tar -cf - -C /ml/outputs .} in the output sidecar, read by {@link OutputExtractor}: every file written
 * and hashed in one pass) versus GNU {@code tar -xf} without any hashing, once fed by the same exec stream and once
 * from the same archive saved to disk. Rounds alternate the order of the paths; medians. The peak heap of the engine
 * path is measured on the side.
 */
final class OutputCollectionBench {

    static final String TRAINER_IMAGE = "bench-output-trainer:1";
    static final String SIDECAR_IMAGE = "bench-output-sidecar:1";
    static final String OUTPUTS = "/ml/outputs";
    static final String MODEL = "model.bin";
    static final long HEAP_TARGET = 64L * 1024 * 1024;
    static final double RATIO_TARGET = 0.9;
    /** Timed rounds per path in the published run. */
    static final int ROUNDS = 3;
    private static final int SMALL_MIN = 1024;
    private static final int SMALL_MAX = 4096;
    private static final int FILES_PER_DIRECTORY = 100;
    private static final int BLOCK = 64 * 1024;
    private static final long EXEC_EXIT_WAIT_SECONDS = 60;
    private static final Duration POD_WAIT = Duration.ofMinutes(2);
    private static final char[] TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/".toCharArray();

    /** The paths timed in every round, in this order in odd rounds and backwards in even ones. */
    enum Way {
        /** exec + {@link OutputExtractor#extract}: every file written and hashed, as {@code OutputCollection} does. */
        ENGINE,
        /** Baseline (a): the same exec stream piped into a local {@code tar -xf -}. */
        PIPED_TAR,
        /** Baseline (b): {@code tar -xf archive.tar} of the archive saved to disk once. */
        FILE_TAR,
        /** Reference: the exec stream alone, read and discarded (what the emulator can serve). */
        EXEC_ONLY,
        /** Reference: {@link OutputExtractor#extract} of the saved archive (no exec, no emulator). */
        EXTRACT_FILE,
        /** Reference: SHA-256 of the saved archive in 64 KiB blocks, nothing written. */
        HASH_ONLY
    }

    /**
     * The figures of one run. Times are per path, one per round; the published ones are medians. The heap figures are
     * the worst round's.
     *
     * @param archiveBytes   length of the tar stream (what every MB/s figure divides)
     * @param seconds        every path's time in each round, in seconds (see {@link Way})
     * @param liveHeapGrowth largest heap in use right after a collection during the engine path (and after a full
     *                       collection at its end, its result still held), minus the same before it
     * @param usedHeapGrowth largest heap in use sampled every 5 ms during the engine path, garbage included, minus the
     *                       live heap before it
     * @param collections    fewest collections seen during one engine path
     */
    record Figures(long modelBytes, int smallFiles, long payloadBytes, long archiveBytes, Map<Way, List<Double>> seconds,
                   long liveHeapGrowth, long usedHeapGrowth, int collections) {

        Figures {
            EnumMap<Way, List<Double>> copy = new EnumMap<>(Way.class);
            for (Way way : Way.values()) {
                List<Double> times = seconds.get(way);
                if (times == null || times.isEmpty()) {
                    throw new IllegalArgumentException("seconds: no time for path " + way + "; every path needs one "
                            + "per round");
                }
                copy.put(way, List.copyOf(times));
            }
            seconds = Collections.unmodifiableMap(copy);
        }

        int rounds() {
            return seconds.get(Way.ENGINE).size();
        }

        double median(Way way) {
            List<Double> sorted = seconds.get(way).stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        double fastest(Way way) {
            return Collections.min(seconds.get(way));
        }

        double slowest(Way way) {
            return Collections.max(seconds.get(way));
        }

        double engineSeconds() {
            return median(Way.ENGINE);
        }

        double pipedTarSeconds() {
            return median(Way.PIPED_TAR);
        }

        double fileTarSeconds() {
            return median(Way.FILE_TAR);
        }

        double execOnlySeconds() {
            return median(Way.EXEC_ONLY);
        }

        double extractFileSeconds() {
            return median(Way.EXTRACT_FILE);
        }

        double hashOnlySeconds() {
            return median(Way.HASH_ONLY);
        }

        double mbps(double seconds) {
            return archiveBytes / 1e6 / seconds;
        }

        /** The headline: engine throughput over that of plain {@code tar -xf} of the saved archive. */
        double ratio() {
            return fileTarSeconds() / engineSeconds();
        }

        /** Engine over the same exec stream into {@code tar -xf -}: same transport on both sides. */
        double ratioToPipedTar() {
            return pipedTarSeconds() / engineSeconds();
        }

        /** The extractor on the saved archive over {@code tar -xf} of it: hashing and checks alone, no emulator. */
        double offlineRatio() {
            return fileTarSeconds() / extractFileSeconds();
        }

        boolean heapMet() {
            return liveHeapGrowth <= HEAP_TARGET;
        }
    }

    /** What every path must have produced; checked after each, so no path is timed for skipping work. */
    private record Expected(int files, long payloadBytes, String modelSha256) {

        void check(CollectedOutputs outputs, String path) {
            String modelSha = outputs.files().stream().filter(f -> f.path().equals(MODEL)).map(OutputFile::sha256)
                    .findFirst().orElse(null);
            if (outputs.files().size() != files || outputs.totalBytes() != payloadBytes
                    || !modelSha256.equals(modelSha)) {
                throw new IllegalStateException(path + " collected " + outputs.files().size() + " files / "
                        + outputs.totalBytes() + " bytes / model sha256 " + modelSha + ", expected " + files + " / "
                        + payloadBytes + " / " + modelSha256);
            }
        }

        void check(Path tree, String path) throws IOException {
            long count = 0;
            long bytes = 0;
            try (Stream<Path> walk = Files.walk(tree)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isRegularFile(p)) {
                        count++;
                        bytes += Files.size(p);
                    }
                }
            }
            if (count != files || bytes != payloadBytes) {
                throw new IllegalStateException(path + " extracted " + count + " files / " + bytes + " bytes into "
                        + tree + ", expected " + files + " / " + payloadBytes);
            }
        }
    }

    private final long modelBytes;
    private final int smallFiles;
    private final int rounds;

    /**
     * @param modelBytes size of the model file
     * @param smallFiles number of small files (1-4 KiB each) beside it
     * @param rounds     timed rounds per path (after the archive was saved through the exec, which warms it up)
     */
    OutputCollectionBench(long modelBytes, int smallFiles, int rounds) {
        if (modelBytes <= 0 || smallFiles < 0 || rounds <= 0) {
            throw new IllegalArgumentException("output benchmark needs modelBytes > 0, smallFiles >= 0 and rounds > 0; "
                    + "got " + modelBytes + ", " + smallFiles + ", " + rounds);
        }
        this.modelBytes = modelBytes;
        this.smallFiles = smallFiles;
        this.rounds = rounds;
    }

    /** The trainer's script and what collecting its outputs must produce. */
    private record Data(ContainerScript trainer, Expected expected) {
    }

    /** What every timed path works on. */
    private record Setup(Sidecar sidecar, Path work, Path archive, long archiveBytes, Expected expected) {
    }

    /** The worst heap figures of the engine rounds. */
    private static final class HeapWorst {
        long liveGrowth;
        long usedGrowth;
        int collections = Integer.MAX_VALUE;
    }

    Figures run() throws Exception {
        Path work = Files.createTempDirectory("ml-bench-output");
        Path podDir = null;
        try (ClusterEmulator emu = ClusterEmulator.builder().build()) {
            long setupStart = System.nanoTime();
            Data data = writeData(work);
            double generated = seconds(setupStart);
            emu.script(TRAINER_IMAGE, data.trainer());
            emu.script(SIDECAR_IMAGE, ContainerScript.create().waitForSignal());
            KubernetesClient client = emu.client();
            TrainingSpec spec = TrainingSpec.builder().name("train").image(TRAINER_IMAGE).command("python", "train.py")
                    .outputs(OUTPUTS).outputsImage(SIDECAR_IMAGE).build();
            RunRef ref = new JobLauncher(client).launch(BenchJobs.render(spec, "output", 0)).ref();
            String pod = awaitOutputsReady(emu, ref.name());
            double podReady = seconds(setupStart);
            podDir = emu.podVolumeDir(ref.namespace(), pod, JobLabels.OUTPUTS_VOLUME)
                    .map(volume -> volume.getParent().getParent()).orElse(null);
            Sidecar sidecar = new Sidecar(client, ref.namespace(), pod);
            Path archive = work.resolve("archive.tar");
            long archiveBytes = sidecar.saveArchive(archive); // also warms the exec path up
            double saved = seconds(setupStart);
            sync(); // the model and the archive on disk: their writeback must not overlap a timed path
            say("setup %.1f s (data generated %.1f s, pod ready %.1f s, archive saved %.1f s): model %s, %,d small "
                            + "files, payload %s, archive %s", seconds(setupStart), generated, podReady, saved,
                    Format.mib(modelBytes), smallFiles, Format.mib(data.expected().payloadBytes()),
                    Format.mib(archiveBytes));
            return measure(new Setup(sidecar, work, archive, archiveBytes, data.expected()));
        } finally {
            clean(work);
            if (podDir != null) {
                clean(podDir); // normally gone with the emulator already
            }
        }
    }

    /** The model (a host file the trainer's script links into the pod) and the small files (text in the script). */
    private Data writeData(Path work) throws Exception {
        Path model = work.resolve(MODEL);
        String modelSha = writeRandomFile(model, modelBytes);
        long payload = modelBytes;
        ContainerScript trainer = ContainerScript.create().writeFile(OUTPUTS + "/" + MODEL, model);
        Random random = new Random(42);
        for (int i = 0; i < smallFiles; i++) {
            String text = randomText(random, SMALL_MIN + random.nextInt(SMALL_MAX - SMALL_MIN + 1));
            trainer = trainer.writeFile(smallFilePath(i), text);
            payload += text.length(); // ASCII: one byte per char
        }
        return new Data(trainer.exit(0), new Expected(smallFiles + 1, payload, modelSha));
    }

    private Figures measure(Setup setup) throws Exception {
        Map<Way, List<Double>> times = new EnumMap<>(Way.class);
        HeapWorst heap = new HeapWorst();
        for (int round = 0; round < rounds; round++) {
            List<Way> order = new ArrayList<>(List.of(Way.values()));
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Way way : order) {
                Path dest = setup.work().resolve(way.name().toLowerCase(Locale.ROOT) + "-" + round);
                double seconds = time(way, setup, dest, heap);
                times.computeIfAbsent(way, w -> new ArrayList<>()).add(seconds);
                clean(dest);
                sync();
            }
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            times.forEach((way, list) -> line.append(String.format(Locale.ROOT, " %s %.2f s", way, last(list))));
            say("%s", line);
        }
        Figures f = new Figures(modelBytes, smallFiles, setup.expected().payloadBytes(), setup.archiveBytes(), times,
                heap.liveGrowth, heap.usedGrowth, heap.collections);
        say("engine %.0f MB/s, exec | tar -xf - %.0f MB/s, tar -xf file %.0f MB/s; live heap growth %s (used incl. "
                        + "garbage %s, %d collections)", f.mbps(f.engineSeconds()), f.mbps(f.pipedTarSeconds()),
                f.mbps(f.fileTarSeconds()), Format.mib(heap.liveGrowth), Format.mib(heap.usedGrowth), heap.collections);
        return f;
    }

    /** Runs one path into {@code dest} and checks what it produced; returns its time in seconds. */
    private static double time(Way way, Setup setup, Path dest, HeapWorst heap) throws Exception {
        switch (way) {
            case ENGINE -> {
                long before = HeapMeter.usedAfterGc();
                EngineRun run;
                try (HeapPeak peak = HeapPeak.start()) {
                    run = engine(setup.sidecar(), dest);
                    peak.sampleLive(HeapMeter.usedAfterGc()); // the result is still held here
                    heap.liveGrowth = Math.max(heap.liveGrowth, peak.peakLive() - before);
                    heap.usedGrowth = Math.max(heap.usedGrowth, peak.peakUsed() - before);
                    heap.collections = Math.min(heap.collections, peak.collections());
                }
                setup.expected().check(run.outputs(), "engine");
                return run.seconds();
            }
            case PIPED_TAR -> {
                double seconds = pipedTar(setup.sidecar(), dest, setup.work().resolve("tar-piped.log"));
                setup.expected().check(dest, "exec | tar -xf -");
                return seconds;
            }
            case FILE_TAR -> {
                double seconds = fileTar(setup.archive(), dest, setup.work().resolve("tar-file.log"));
                setup.expected().check(dest, "tar -xf archive.tar");
                return seconds;
            }
            case EXEC_ONLY -> {
                long start = System.nanoTime();
                long bytes = setup.sidecar().readAndDiscard();
                double seconds = seconds(start);
                if (bytes != setup.archiveBytes()) {
                    throw new IllegalStateException("the exec stream had " + bytes + " bytes, the saved archive "
                            + setup.archiveBytes());
                }
                return seconds;
            }
            case EXTRACT_FILE -> {
                long start = System.nanoTime();
                CollectedOutputs outputs;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(setup.archive()), BLOCK)) {
                    outputs = OutputExtractor.extract(in, dest, OutputLimits.DEFAULT);
                }
                double seconds = seconds(start);
                setup.expected().check(outputs, "extractor on the saved archive");
                return seconds;
            }
            case HASH_ONLY -> {
                long start = System.nanoTime();
                hash(setup.archive());
                return seconds(start);
            }
            default -> throw new IllegalStateException("unknown path " + way);
        }
    }

    /** The output sidecar of the finished pod, and the execs the paths run in it. */
    private record Sidecar(KubernetesClient client, String namespace, String pod) {

        /** Exactly the engine's exec ({@code OutputCollection}): stdout as a stream, stderr kept for messages. */
        ExecWatch openTar(OutputStream stderr) {
            return client.pods().inNamespace(namespace).withName(pod).inContainer(JobLabels.OUTPUTS_CONTAINER)
                    .redirectingOutput().writingError(stderr).exec(OutputSidecar.archive(OUTPUTS).toArray(String[]::new));
        }

        long saveArchive(Path file) throws Exception {
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            try (ExecWatch exec = openTar(stderr); OutputStream out = Files.newOutputStream(file)) {
                long bytes = copy(exec.getOutput(), out);
                checkExit(exec, stderr, "saving the archive");
                return bytes;
            }
        }

        long readAndDiscard() throws Exception {
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            try (ExecWatch exec = openTar(stderr)) {
                long bytes = copy(exec.getOutput(), OutputStream.nullOutputStream());
                checkExit(exec, stderr, "reading the exec stream");
                return bytes;
            }
        }
    }

    private record EngineRun(CollectedOutputs outputs, double seconds) {
    }

    /** What {@code OutputCollection.collect} does, minus its manifest and log lines. */
    private static EngineRun engine(Sidecar sidecar, Path dest) throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        long start = System.nanoTime();
        CollectedOutputs outputs;
        try (ExecWatch exec = sidecar.openTar(stderr)) {
            InputStream stdout = exec.getOutput();
            outputs = OutputExtractor.extract(stdout, dest, OutputLimits.DEFAULT);
            // tar pads its end; fabric8 needs the stream read to the end before it reports the exit code.
            stdout.transferTo(OutputStream.nullOutputStream());
            checkExit(exec, stderr, "the engine path");
        }
        return new EngineRun(outputs, seconds(start));
    }

    /** Baseline (a): the same exec stream into a local {@code tar -xf -}; no hashing, no checks. */
    private static double pipedTar(Sidecar sidecar, Path dest, Path log) throws Exception {
        Files.createDirectories(dest);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Process tar = new ProcessBuilder("tar", "-xf", "-", "-C", dest.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try (ExecWatch exec = sidecar.openTar(stderr)) {
            try (OutputStream in = tar.getOutputStream()) {
                copy(exec.getOutput(), in);
            }
            checkExit(exec, stderr, "exec | tar -xf -");
        } catch (Exception e) {
            tar.destroyForcibly(); // a broken exec must not leave tar waiting for more input
            throw e;
        }
        awaitLocalTar(tar, log, "tar -xf - (fed by the exec stream)");
        return seconds(start);
    }

    /** Baseline (b), the literal one: {@code tar -xf archive.tar}. */
    private static double fileTar(Path archive, Path dest, Path log) throws Exception {
        Files.createDirectories(dest);
        long start = System.nanoTime();
        Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", dest.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLocalTar(tar, log, "tar -xf " + archive);
        return seconds(start);
    }

    /** SHA-256 alone, as the extractor computes it (same block size), over the same bytes. */
    private static void hash(Path file) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
                sha256.update(block, 0, n);
            }
        }
        sha256.digest();
    }

    private static void awaitLocalTar(Process tar, Path log, String what) throws Exception {
        if (!tar.waitFor(5, TimeUnit.MINUTES)) {
            tar.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within 5 minutes");
        }
        if (tar.exitValue() != 0) {
            throw new IllegalStateException(what + " exited with code " + tar.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }

    private static void checkExit(ExecWatch exec, ByteArrayOutputStream stderr, String what) throws Exception {
        int code = exec.exitCode().get(EXEC_EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        if (code != 0) {
            throw new IllegalStateException("tar in the output sidecar exited with code " + code + " during " + what
                    + ": " + stderr.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BLOCK];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Waits until the main container has written everything and exited 0 while the sidecar still waits. */
    private static String awaitOutputsReady(ClusterEmulator emu, String job) throws InterruptedException {
        long deadline = System.nanoTime() + POD_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Pod pod : emu.pods(BenchJobs.NAMESPACE, job)) {
                ContainerStatus main = status(pod, JobLabels.MAIN_CONTAINER);
                ContainerStatus sidecar = status(pod, JobLabels.OUTPUTS_CONTAINER);
                ContainerStateTerminated ended = main == null || main.getState() == null ? null
                        : main.getState().getTerminated();
                if (ended != null && ended.getExitCode() != 0) {
                    throw new IllegalStateException("the output writer container of pod " + pod.getMetadata().getName()
                            + " exited with code " + ended.getExitCode() + ": " + ended.getMessage());
                }
                if (ended != null && sidecar != null && sidecar.getState() != null
                        && sidecar.getState().getRunning() != null) {
                    return pod.getMetadata().getName();
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the output writer pod of Job " + job + " was not ready (main ended, sidecar "
                + "running) within " + POD_WAIT.toSeconds() + " s");
    }

    private static ContainerStatus status(Pod pod, String container) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName())).findFirst()
                .orElse(null);
    }

    /** Fills {@code file} with pseudo-random bytes (a fast generator: the content only has to look like weights). */
    static String writeRandomFile(Path file, long size) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer block = ByteBuffer.allocate(1024 * 1024);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
                block.clear();
                while (block.remaining() >= Long.BYTES) {
                    block.putLong(random.nextLong());
                }
                int n = (int) Math.min(left, block.position());
                block.flip().limit(n);
                sha256.update(block.array(), 0, n);
                while (block.hasRemaining()) {
                    out.write(block);
                }
                left -= n;
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String randomText(Random random, int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = TEXT[random.nextInt(TEXT.length)];
        }
        return new String(text);
    }

    /** Small files in directories of a hundred, like evaluation samples or checkpoint shards. */
    static String smallFilePath(int i) {
        return String.format(Locale.ROOT, "%s/samples/%03d/sample-%05d.txt", OUTPUTS, i / FILES_PER_DIRECTORY, i);
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Flushes what earlier paths wrote, so one path's writeback is not another's cost. */
    private static void sync() throws Exception {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!sync.waitFor(2, TimeUnit.MINUTES)) {
            sync.destroyForcibly();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static void say(String format, Object... args) {
        System.out.println("[output] " + String.format(Locale.ROOT, format, args));
    }
}
