package io.jenkins.plugins.mlpipeline.registry;

import static io.jenkins.plugins.mlpipeline.registry.RegistryFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version allocation and alias moves under contention, from threads and from other processes. */
class RegistryConcurrencyTest {

    @TempDir
    Path root;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void eightThreadsRegisteringTwentyFiveEachGetVersionsOneToTwoHundredExactlyOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String writer = "t" + t;
            // One instance per thread: the in-JVM lock must hold across instances, not only within one.
            ModelRegistry registry = new ModelRegistry(root);
            results.add(pool.submit(() -> {
                start.await();
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    mine.add(registry.register(request("churn", writer + "#" + i, null,
                            Map.of("writer", writer, "i", i))).version());
                }
                return mine;
            }));
        }
        start.countDown();
        List<Integer> allocated = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            List<Integer> mine = result.get(60, TimeUnit.SECONDS);
            assertThat(mine).isSorted();
            allocated.addAll(mine);
        }

        assertThat(allocated).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
        ModelSummary summary = new ModelRegistry(root).summary("churn");
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.versions()).extracting(ModelVersion::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
        assertThat(writes(summary)).hasSize(200);
    }

    @Test
    void twoProcessesAndThreadsShareOneRegistryWithoutGapsOrDuplicates() throws Exception {
        Path go = root.resolve("go");
        Path registryRoot = root.resolve("registry");
        List<Process> processes = new ArrayList<>();
        for (String writer : List.of("p1", "p2")) {
            processes.add(startWriter(registryRoot, writer, 30, go));
        }
        for (Process process : processes) {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("writer process starts").isEqualTo("ready");
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String writer = "t" + t;
            threads.add(pool.submit(() -> {
                start.await();
                ModelRegistry registry = new ModelRegistry(registryRoot);
                for (int i = 0; i < 10; i++) {
                    registry.register(request("churn", writer + "#" + i, null, Map.of("writer", writer, "i", i)));
                }
                return null;
            }));
        }
        Files.createFile(go);
        start.countDown();
        for (Future<?> thread : threads) {
            thread.get(60, TimeUnit.SECONDS);
        }
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("writer process ends").isTrue();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("writer process exit; stderr: %s", errors).isZero();
        }

        ModelSummary summary = new ModelRegistry(registryRoot).summary("churn");
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.versions()).extracting(ModelVersion::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
        Set<String> writes = writes(summary);
        assertThat(writes).hasSize(100);
        assertThat(writes).contains("p1/0", "p1/29", "p2/0", "p2/29", "t0/0", "t3/9");
    }

    private static Process startWriter(Path registryRoot, String writer, int count, Path go) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RegistryWriterMain.class.getName(), registryRoot.toString(), "churn", writer, String.valueOf(count),
                go.toString())
                .start();
    }

    /** "writer/i" of every version; a lost or doubled registration shows as a missing or short set. */
    private static Set<String> writes(ModelSummary summary) {
        return summary.versions().stream()
                .map(v -> v.metadata().get("writer") + "/" + v.metadata().get("i"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void concurrentPromotionsOfOneAliasKeepACompleteChainedHistory() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        for (int i = 0; i < 10; i++) {
            registry.register(request("churn"));
        }
        registry.promote("churn", 1, "production", "setup", null);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AliasChange>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                ModelRegistry own = new ModelRegistry(root);
                List<AliasChange> mine = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    mine.add(own.promote("churn", 1 + (thread * 12 + i) % 10, "production", "u" + thread,
                            "deploy#" + i));
                }
                return mine;
            }));
        }
        start.countDown();
        List<AliasChange> returned = new ArrayList<>();
        for (Future<List<AliasChange>> result : results) {
            returned.addAll(result.get(60, TimeUnit.SECONDS));
        }

        ModelSummary summary = registry.summary("churn");
        List<AliasChange> history = summary.history();
        assertThat(history).hasSize(1 + 96);
        assertThat(history.subList(1, history.size())).containsExactlyInAnyOrderElementsOf(returned);
        assertThat(history.get(0).previousVersion()).isNull();
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).previousVersion()).as("entry %d chains to entry %d", i, i - 1)
                    .isEqualTo(history.get(i - 1).version());
        }
        assertThat(summary.aliases()).containsEntry("production", history.get(history.size() - 1).version());
        assertThat(registry.resolve("churn", "production", null).version())
                .isEqualTo(history.get(history.size() - 1).version());
    }

    @Test
    void registrationsWithAnAliasAndPromotionsInterleaveConsistently() throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.register(request("churn", "b#0", "staging", Map.of()));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    registry.register(request("churn", "b#" + i, "staging", Map.of()));
                }
                return null;
            }));
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    registry.promote("churn", 1, "staging", null, null);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : work) {
            future.get(60, TimeUnit.SECONDS);
        }

        List<AliasChange> history = registry.summary("churn").history();
        assertThat(history).hasSize(1 + 40 + 40);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).previousVersion()).isEqualTo(history.get(i - 1).version());
        }
        assertThat(registry.summary("churn").versions()).hasSize(41);
    }
}
