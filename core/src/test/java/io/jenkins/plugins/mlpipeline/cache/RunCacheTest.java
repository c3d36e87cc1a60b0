package io.jenkins.plugins.mlpipeline.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlpipeline.cache.RunCache.Claim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCacheTest {

    private static final Predicate<String> ALL_BUILDS_EXIST = build -> true;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Path index() {
        return dir.resolve("cache/index.json");
    }

    private static CacheEntry entry(String key, String build) {
        return new CacheEntry(key, build, Map.of("metrics", Map.of("acc", 0.9), "outputs", List.of("model.pt")),
                "2025-01-31T12:00:00Z");
    }

    /** Claims a fresh key, which must be a miss, and completes it. */
    private static void store(RunCache cache, String key, String build) throws Exception {
        Claim.Owner owner = (Claim.Owner) cache.claim(key, ALL_BUILDS_EXIST);
        cache.complete(owner, entry(key, build));
    }

    @Test
    void aMissMakesTheCallerOwnerAndItsResultIsAHitNextTime() throws Exception {
        RunCache cache = new RunCache(index(), 10);

        Claim first = cache.claim("k1", ALL_BUILDS_EXIST);
        assertThat(first).isInstanceOf(Claim.Owner.class);
        cache.complete((Claim.Owner) first, entry("k1", "train#1"));

        Claim second = cache.claim("k1", ALL_BUILDS_EXIST);
        assertThat(second).isInstanceOf(Claim.Hit.class);
        assertThat(((Claim.Hit) second).entry()).isEqualTo(entry("k1", "train#1"));
        assertThat(cache.claim("k2", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Owner.class);
        assertThat(cache.lastProblem()).isEmpty();
    }

    @Test
    void anEntryWhoseBuildIsGoneIsAMissAndIsRemoved() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        store(cache, "k1", "train#1");
        store(cache, "k2", "train#2");
        List<String> asked = new ArrayList<>();

        Claim claim = cache.claim("k1", build -> {
            asked.add(build);
            return false;
        });

        assertThat(asked).containsExactly("train#1");
        assertThat(claim).isInstanceOf(Claim.Owner.class);
        assertThat(cache.entries()).extracting(CacheEntry::key).containsExactly("k2");
        assertThat(new RunCache(index(), 10).entries()).extracting(CacheEntry::key).containsExactly("k2");
    }

    @Test
    void beyondMaxEntriesTheLeastRecentlyUsedGoesAndUseSurvivesARestart() throws Exception {
        RunCache cache = new RunCache(index(), 2);
        store(cache, "a", "train#1");
        store(cache, "b", "train#2");
        assertThat(cache.claim("a", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Hit.class); // a is now newer than b

        store(cache, "c", "train#3");

        assertThat(cache.entries()).extracting(CacheEntry::key).containsExactly("a", "c");
        assertThat(cache.claim("b", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Owner.class);

        RunCache restarted = new RunCache(index(), 2);
        assertThat(restarted.entries()).extracting(CacheEntry::key).containsExactly("a", "c");
        store(restarted, "d", "train#4");
        assertThat(restarted.entries()).extracting(CacheEntry::key).containsExactly("c", "d");
    }

    @Test
    void aSmallerLimitAfterARestartKeepsTheMostRecent() throws Exception {
        RunCache cache = new RunCache(index(), 5);
        for (String key : List.of("a", "b", "c", "d")) {
            store(cache, key, "train#" + key);
        }

        assertThat(new RunCache(index(), 2).entries()).extracting(CacheEntry::key).containsExactly("c", "d");
    }

    @Test
    void entriesSurviveARestartWithTheirResult() throws Exception {
        store(new RunCache(index(), 10), "k1", "train#1");

        RunCache restarted = new RunCache(index(), 10);
        Claim claim = restarted.claim("k1", ALL_BUILDS_EXIST);

        assertThat(claim).isEqualTo(new Claim.Hit(entry("k1", "train#1")));
        assertThat(((Claim.Hit) claim).entry().result()).containsEntry("outputs", List.of("model.pt"));
        assertThat(Files.readString(index())).startsWith("{\"format\":1,\"entries\":[");
        try (Stream<Path> files = Files.list(index().getParent())) {
            assertThat(files).containsExactly(index()); // no temporary file left behind
        }
    }

    @Test
    void theResultIsStoredAsJsonReadsItBack() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        Claim.Owner owner = (Claim.Owner) cache.claim("k1", ALL_BUILDS_EXIST);
        cache.complete(owner, new CacheEntry("k1", "train#1", Map.of("n", 7L, "text", new StringBuilder("x")),
                "2025-01-31T12:00:00Z"));

        CacheEntry hit = ((Claim.Hit) cache.claim("k1", ALL_BUILDS_EXIST)).entry();
        CacheEntry afterRestart = ((Claim.Hit) new RunCache(index(), 10).claim("k1", ALL_BUILDS_EXIST)).entry();

        assertThat(hit).isEqualTo(afterRestart);
        assertThat(hit.result()).containsEntry("n", 7).containsEntry("text", "x");
        assertThatThrownBy(() -> hit.result().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentClaimsMakeOneOwnerAndTheOthersWaitUntilItCompletes() throws Exception {
        RunCache cache = new RunCache(index(), 10);

        List<Claim> claims = claimAtOnce(cache, "k1", 8);

        List<Claim.Owner> owners = ofType(claims, Claim.Owner.class);
        List<Claim.Wait> waits = ofType(claims, Claim.Wait.class);
        assertThat(owners).hasSize(1);
        assertThat(waits).hasSize(7);
        assertThat(waits).noneMatch(wait -> wait.released().isDone());

        cache.complete(owners.get(0), entry("k1", "train#1"));

        for (Claim.Wait wait : waits) {
            wait.released().get(10, TimeUnit.SECONDS);
        }
        assertThat(claimAtOnce(cache, "k1", 7)).allMatch(Claim.Hit.class::isInstance);
    }

    @Test
    void afterAbandonExactlyOneWaiterBecomesOwner() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        List<Claim> claims = claimAtOnce(cache, "k1", 8);
        Claim.Owner first = ofType(claims, Claim.Owner.class).get(0);
        List<Claim.Wait> waits = ofType(claims, Claim.Wait.class);

        cache.abandon(first);

        for (Claim.Wait wait : waits) {
            wait.released().get(10, TimeUnit.SECONDS);
        }
        List<Claim> again = claimAtOnce(cache, "k1", waits.size());
        assertThat(ofType(again, Claim.Owner.class)).hasSize(1);
        List<Claim.Wait> stillWaiting = ofType(again, Claim.Wait.class);
        assertThat(stillWaiting).hasSize(6).noneMatch(wait -> wait.released().isDone());

        cache.complete(ofType(again, Claim.Owner.class).get(0), entry("k1", "train#2"));
        for (Claim.Wait wait : stillWaiting) {
            wait.released().get(10, TimeUnit.SECONDS);
        }
        assertThat(cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Hit.class);
    }

    @Test
    void waitersMayClaimAgainFromTheReleaseCallback() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        Claim.Owner owner = (Claim.Owner) cache.claim("k1", ALL_BUILDS_EXIST);
        Claim.Wait wait = (Claim.Wait) cache.claim("k1", ALL_BUILDS_EXIST);
        CompletableFuture<Claim> next = wait.released().thenApply(ignored -> {
            try {
                return cache.claim("k1", ALL_BUILDS_EXIST);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        cache.abandon(owner);

        assertThat(next.get(10, TimeUnit.SECONDS)).isInstanceOf(Claim.Owner.class);
        assertThat(cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Wait.class);
    }

    @Test
    void aStaleOwnerReleasesNobodyButItsResultIsStillStored() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        Claim.Owner before = (Claim.Owner) cache.claim("k1", ALL_BUILDS_EXIST);
        cache.abandon(before);
        Claim.Owner current = (Claim.Owner) cache.claim("k1", ALL_BUILDS_EXIST);
        Claim.Wait wait = (Claim.Wait) cache.claim("k1", ALL_BUILDS_EXIST);

        cache.abandon(before);
        assertThat(wait.released()).isNotDone();

        Claim.Owner fromBeforeARestart = new Claim.Owner("k1", "unknown-claim");
        cache.complete(fromBeforeARestart, entry("k1", "train#1"));
        assertThat(wait.released()).isNotDone();
        assertThat(cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Hit.class);

        cache.abandon(current);
        assertThat(wait.released()).isDone();
    }

    @Test
    void cancellingOneWaitersFutureDoesNotReleaseTheOthers() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        cache.claim("k1", ALL_BUILDS_EXIST);
        Claim.Wait first = (Claim.Wait) cache.claim("k1", ALL_BUILDS_EXIST);
        Claim.Wait second = (Claim.Wait) cache.claim("k1", ALL_BUILDS_EXIST);

        first.released().complete(null);

        assertThat(second.released()).isNotDone();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "{\"format\":1,\"entries\":[{\"key\":\"k1\",\"buil",
            "{\"format\":1,\"entries\":[{\"key\":\"k1\"}]}", "{\"format\":1}", "[]", "null"})
    void aDamagedIndexIsMovedAsideAndTheCacheStartsEmpty(String content) throws Exception {
        Files.createDirectories(index().getParent());
        Files.writeString(index(), content);
        RunCache cache = new RunCache(index(), 10);

        assertThat(cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Owner.class);

        assertThat(cache.lastProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("Run cache index " + index() + " was unreadable")
                .contains("moved it to " + index() + ".corrupt-")
                .contains("started with an empty cache"));
        Path aside;
        try (Stream<Path> files = Files.list(index().getParent())) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("index.json.corrupt-"))
                    .findFirst().orElseThrow();
        }
        assertThat(Files.readString(aside)).isEqualTo(content);
        assertThat(index()).doesNotExist();

        store(cache, "k2", "train#2");
        RunCache restarted = new RunCache(index(), 10);
        assertThat(restarted.entries()).extracting(CacheEntry::key).containsExactly("k2");
        assertThat(restarted.lastProblem()).isEmpty();
    }

    @Test
    void anUnwritableIndexFailsCompleteButStillReleasesTheWaiters() throws Exception {
        RunCache cache = new RunCache(index(), 10);
        Claim.Owner owner = (Claim.Owner) cache.claim("k1", ALL_BUILDS_EXIST);
        Claim.Wait wait = (Claim.Wait) cache.claim("k1", ALL_BUILDS_EXIST);
        Files.writeString(index().getParent(), "a file where the index directory should be");

        assertThatThrownBy(() -> cache.complete(owner, entry("k1", "train#1")))
                .isInstanceOf(java.io.IOException.class);

        assertThat(wait.released()).isDone();
        assertThat(cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(Claim.Hit.class);
        assertThat(cache.lastProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("Run cache index " + index() + " could not be written"));
    }

    @Test
    void anIndexThatCannotBeReadAtAllIsAnIoErrorOnEveryClaim() throws Exception {
        Files.createDirectories(index()); // a directory where the file should be
        RunCache cache = new RunCache(index(), 10);

        assertThatThrownBy(() -> cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> cache.claim("k1", ALL_BUILDS_EXIST)).isInstanceOf(java.io.IOException.class);
        assertThat(index()).isDirectory();
    }

    @Test
    void argumentsAreChecked() throws Exception {
        assertThatThrownBy(() -> new RunCache(index(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries: 0 is too small; allowed: 1 or more");
        RunCache cache = new RunCache(index(), 10);
        Claim.Owner owner = (Claim.Owner) cache.claim("k1", ALL_BUILDS_EXIST);
        assertThatThrownBy(() -> cache.complete(owner, entry("k2", "train#1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the owner's key");
        assertThatThrownBy(() -> cache.claim(" ", ALL_BUILDS_EXIST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheEntry("k1", null, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("buildId: required");
        assertThatThrownBy(() -> new CacheEntry("k1", "b#1", Map.of("x", new Object()), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("result.x is a java.lang.Object");
    }

    @Test
    void manyKeysFromManyThreadsAreAllStored() throws Exception {
        RunCache cache = new RunCache(index(), 1000);
        Set<String> owners = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20; i++) {
                    String key = "k" + ((thread + i) % 40); // every key wanted by several threads
                    Claim claim = cache.claim(key, ALL_BUILDS_EXIST);
                    if (claim instanceof Claim.Owner owner) {
                        owners.add(key);
                        cache.complete(owner, entry(key, "train#" + thread));
                    } else if (claim instanceof Claim.Wait wait) {
                        wait.released().get(10, TimeUnit.SECONDS);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : work) {
            future.get(60, TimeUnit.SECONDS);
        }

        assertThat(owners).hasSize(27); // keys k0..k26 are reached (thread + i < 27), each owned exactly once
        assertThat(new RunCache(index(), 1000).entries()).hasSize(27);
    }

    /** Claims one key from {@code count} threads released together. */
    private List<Claim> claimAtOnce(RunCache cache, String key, int count) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Claim>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return cache.claim(key, ALL_BUILDS_EXIST);
            }));
        }
        start.countDown();
        List<Claim> claims = new ArrayList<>();
        for (Future<Claim> future : futures) {
            claims.add(future.get(10, TimeUnit.SECONDS));
        }
        return claims;
    }

    private static <T extends Claim> List<T> ofType(List<Claim> claims, Class<T> type) {
        return claims.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
