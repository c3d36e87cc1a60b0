package io.jenkins.plugins.mlpipeline.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Remembers successful runs by {@link CacheKey} so that an identical later run reuses the outputs instead of
 * training again, and makes identical runs that start at the same time wait for the first instead of all
 * training.
 *
 * <p>Protocol, non-blocking because Jenkins calls it from the Pipeline thread:
 * <ol>
 *   <li>{@link #claim} answers {@link Claim.Hit} (reuse {@code entry}), {@link Claim.Owner} (nobody has it: run,
 *       then call {@link #complete} on success or {@link #abandon} otherwise; every owner must do one of the
 *       two, or identical runs wait for as long as this controller runs) or {@link Claim.Wait} (an identical run
 *       is in progress: when {@code released} completes, call {@link #claim} again).</li>
 *   <li>After {@link #complete} the waiters' next claim is a hit; after {@link #abandon} exactly one of them
 *       becomes the owner and the others wait again.</li>
 * </ol>
 *
 * <p>Eviction: an entry whose build no longer exists (the caller's predicate) is a miss and is removed; beyond
 * {@code maxEntries} the least recently used entry (stored or hit) goes.
 *
 * <p>The index file is JSON, {@code {"format":1,"entries":[...]}}, least recently used first, rewritten after
 * each change through a temporary file and an atomic rename. It is read on first use. A damaged index is moved
 * aside to {@code <file>.corrupt-<UTC time>} and the cache starts empty; {@link #lastProblem()} says so. Claims in
 * progress live in memory only: after a controller restart nobody owns a key until the next claim.
 *
 * <p>Thread-safe. One instance per index file (the index is not shared between processes).
 */
public final class RunCache {

    /** One answer of {@link #claim}. */
    public sealed interface Claim {

        /** A previous identical run succeeded: reuse its result. */
        record Hit(CacheEntry entry) implements Claim {
        }

        /**
         * The caller runs it and must then {@link #complete} or {@link #abandon}. Small and serializable so a
         * step can keep it.
         */
        record Owner(String key, String claimId) implements Claim, Serializable {
            private static final long serialVersionUID = 1L;
        }

        /**
         * An identical run is in progress; {@code released} completes (never exceptionally) when its owner
         * completes or abandons. Completing or cancelling this future affects nobody else.
         */
        record Wait(CompletableFuture<Void> released) implements Claim {
        }
    }

    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path indexFile;
    private final int maxEntries;
    /** In access order: iteration starts at the least recently used entry. */
    private final LinkedHashMap<String, CacheEntry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private boolean loaded;
    private String lastProblem;

    private record InFlight(String claimId, CompletableFuture<Void> released) {
    }

    /** The index file's shape. */
    private record Index(int format, List<CacheEntry> entries) {
    }

    /**
     * @param indexFile  where the index lives; its directory is created on the first write
     * @param maxEntries how many entries to keep, at least 1
     */
    public RunCache(Path indexFile, int maxEntries) {
        this.indexFile = Objects.requireNonNull(indexFile, "indexFile").toAbsolutePath();
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " is too small; allowed: 1 or more");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Looks the key up and, on a miss, either makes the caller the owner or tells it to wait.
     *
     * @param buildExists whether a build ({@code job#number}) still exists; called under this cache's lock, so it
     *                    must be quick and must not call back into the cache
     * @throws IOException only if the index file exists but cannot be read at all (a damaged one is not an error)
     */
    public Claim claim(String key, Predicate<String> buildExists) throws IOException {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: required");
        }
        Objects.requireNonNull(buildExists, "buildExists");
        synchronized (this) {
            loadIfNeeded();
            CacheEntry entry = entries.get(key); // also marks it most recently used
            if (entry != null) {
                if (buildExists.test(entry.buildId())) {
                    persistQuietly();
                    return new Claim.Hit(entry);
                }
                entries.remove(key);
                persistQuietly();
            }
            InFlight running = inFlight.get(key);
            if (running != null) {
                return new Claim.Wait(running.released().copy());
            }
            Claim.Owner owner = new Claim.Owner(key, UUID.randomUUID().toString());
            inFlight.put(key, new InFlight(owner.claimId(), new CompletableFuture<>()));
            return owner;
        }
    }

    /**
     * Stores a successful run and releases the runs waiting for it. An owner whose claim is unknown (after a
     * controller restart) still stores its entry.
     *
     * @throws IllegalArgumentException if the entry is not for the owner's key
     * @throws IOException if the index cannot be read or written; the waiters are released all the same (and
     *         the entry is kept in memory unless the index could not be read)
     */
    public void complete(Claim.Owner owner, CacheEntry entry) throws IOException {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(entry, "entry");
        if (!owner.key().equals(entry.key())) {
            throw new IllegalArgumentException("entry.key: " + entry.key() + " is not the owner's key " + owner.key());
        }
        CompletableFuture<Void> toRelease = null;
        try {
            synchronized (this) {
                toRelease = release(owner);
                // Stored as JSON reads it back (a Long 7 becomes an Integer 7): a hit now equals one after a restart.
                CacheEntry stored = MAPPER.readValue(MAPPER.writeValueAsBytes(entry), CacheEntry.class);
                loadIfNeeded();
                entries.remove(stored.key());
                entries.put(stored.key(), stored);
                evictBeyondLimit();
                persist();
            }
        } finally {
            // Outside the lock (the waiters' callbacks may claim at once), and even if the index cannot be
            // written: the waiters must never hang on a disk problem.
            if (toRelease != null) {
                toRelease.complete(null);
            }
        }
    }

    /** The owner's run failed or was aborted: the runs waiting for it claim again. Unknown owners are ignored. */
    public void abandon(Claim.Owner owner) {
        Objects.requireNonNull(owner, "owner");
        CompletableFuture<Void> toRelease;
        synchronized (this) {
            toRelease = release(owner);
        }
        if (toRelease != null) {
            toRelease.complete(null);
        }
    }

    /** The last problem with the index file (damaged, unwritable), for the log; empty if none. */
    public synchronized Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** The entries, least recently used first. */
    public synchronized List<CacheEntry> entries() throws IOException {
        loadIfNeeded();
        return List.copyOf(entries.values());
    }

    private CompletableFuture<Void> release(Claim.Owner owner) {
        InFlight running = inFlight.get(owner.key());
        if (running == null || !running.claimId().equals(owner.claimId())) {
            return null;
        }
        inFlight.remove(owner.key());
        return running.released();
    }

    private void evictBeyondLimit() {
        Iterator<CacheEntry> oldestFirst = entries.values().iterator();
        while (entries.size() > maxEntries) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    private void loadIfNeeded() throws IOException {
        if (loaded) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(indexFile);
        } catch (NoSuchFileException e) {
            loaded = true;
            return;
        }
        try {
            Index index = MAPPER.readValue(bytes, Index.class);
            if (index == null || index.entries() == null) {
                throw new IllegalArgumentException("it has no 'entries' list");
            }
            for (CacheEntry entry : index.entries()) {
                if (entry == null) {
                    throw new IllegalArgumentException("an entry is null");
                }
                entries.remove(entry.key());
                entries.put(entry.key(), entry);
            }
            evictBeyondLimit();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            entries.clear();
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            moveAside(bytes.length == 0 ? "it is empty" : reason);
        }
        loaded = true;
    }

    private void moveAside(String reason) {
        String problem = "Run cache index " + indexFile + " was unreadable (" + reason + ")";
        String stamp = ASIDE_TIME.format(Instant.now());
        for (int attempt = 0; attempt < 100; attempt++) {
            Path aside = indexFile.resolveSibling(indexFile.getFileName() + ".corrupt-" + stamp
                    + (attempt == 0 ? "" : "-" + attempt));
            try {
                Files.move(indexFile, aside);
                lastProblem = problem + "; moved it to " + aside + " and started with an empty cache, so the next"
                        + " runs train again";
                return;
            } catch (FileAlreadyExistsException e) {
                // another corrupt copy from the same millisecond: try the next name
            } catch (IOException e) {
                lastProblem = problem + " and could not be moved aside (" + e + "); started with an empty cache,"
                        + " and the next change overwrites the file";
                return;
            }
        }
        lastProblem = problem + " and could not be moved aside; started with an empty cache";
    }

    /** A failed write on a hit or an eviction only loses recency or repeats an eviction later: no reason to fail. */
    private void persistQuietly() {
        try {
            persist();
        } catch (IOException e) {
            // persist() recorded it in lastProblem
        }
    }

    private void persist() throws IOException {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(new Index(FORMAT, new ArrayList<>(entries.values())));
            Files.createDirectories(indexFile.getParent());
            Path temp = Files.createTempFile(indexFile.getParent(), "." + indexFile.getFileName() + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true); // else a crash soon after the rename can leave an empty index
                }
                Files.move(temp, indexFile, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            lastProblem = "Run cache index " + indexFile + " could not be written: " + e;
            throw e;
        }
    }
}
