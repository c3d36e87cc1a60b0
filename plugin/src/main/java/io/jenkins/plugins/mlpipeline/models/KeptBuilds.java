package io.jenkins.plugins.mlpipeline.models;

import io.jenkins.plugins.mlpipeline.registry.ModelRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps every build that holds a version some alias points to, so that no build discarder deletes a production
 * model, and releases the builds it kept once no alias needs them. Builds someone else kept (a user's "Keep this
 * build forever") are never released: only the ids in {@code <registry>/.kept-builds} (one per line), the builds
 * this class itself set to be kept, are.
 */
final class KeptBuilds {

    static final String FILE = ".kept-builds";
    private static final Object LOCK = new Object();

    private KeptBuilds() {
    }

    /**
     * Brings the kept builds in line with the aliases. Returns the builds now kept by the registry.
     *
     * @throws IOException if the registry cannot say which builds are held (nothing is released then)
     */
    static Set<String> sync(ModelRegistry registry, BuildKeeper keeper) throws IOException, InterruptedException {
        synchronized (LOCK) {
            Set<String> held = registry.buildsHeldByAliases();
            Path file = registry.root().resolve(FILE);
            Set<String> kept = read(file);
            IOException failure = null;
            for (String build : held) {
                if (!kept.contains(build)) {
                    try {
                        if (keeper.keep(build)) {
                            kept.add(build);
                        }
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
            for (String build : new ArrayList<>(kept)) {
                if (!held.contains(build)) {
                    try {
                        keeper.release(build);
                        kept.remove(build);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
            write(file, kept);
            if (failure != null) {
                throw failure;
            }
            return kept;
        }
    }

    static Set<String> read(Path file) throws IOException {
        try {
            Set<String> ids = new TreeSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ids.add(line.trim());
                }
            }
            return ids;
        } catch (NoSuchFileException e) {
            return new TreeSet<>();
        }
    }

    private static void write(Path file, Set<String> ids) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        List<String> lines = new ArrayList<>(ids);
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
