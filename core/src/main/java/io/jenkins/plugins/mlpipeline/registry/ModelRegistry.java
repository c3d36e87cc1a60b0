package io.jenkins.plugins.mlpipeline.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model registry on the file system: immutable, numbered versions per model, and movable aliases with an audit
 * history. In Jenkins the root is {@code $JENKINS_HOME/ml-models/}.
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;root&gt;/&lt;model&gt;/versions/&lt;n&gt;.json   one file per version (a {@link ModelVersion}), written once, never changed
 * &lt;root&gt;/&lt;model&gt;/aliases.json         {"production": 3, "staging": 4}: alias to version
 * &lt;root&gt;/&lt;model&gt;/history.json         [{@link AliasChange}, ...]: every alias move, oldest first
 * &lt;root&gt;/&lt;model&gt;/.lock                empty; locked while the model is being changed
 * </pre>
 * Stray {@code .*.tmp} files are leftovers of a crash during a write and are ignored.
 *
 * <h2>Concurrency</h2>
 * Changes to one model ({@link #register}, {@link #promote}) hold the model's lock (an in-JVM lock plus a file lock
 * on {@code .lock}), so version numbers are allocated without gaps or duplicates across threads and processes
 * sharing the directory.
 * Every file is written to a temporary file and renamed into place atomically, so reads need no lock: a file is
 * either complete or absent. A promotion writes {@code history.json} before {@code aliases.json}; a crash between
 * the two leaves an audit entry for a move that did not happen (visible because the next entry's
 * {@code previousVersion} does not match it), never a move without an audit entry.
 *
 * <h2>Damaged files</h2>
 * A file that cannot be parsed or breaks the rules raises {@link CorruptRegistryFileException} naming it, and is
 * never rewritten. Other models and other versions stay readable; {@link #summary} lists the problems instead of
 * failing. A model whose {@code aliases.json} or {@code history.json} is damaged refuses registrations and
 * promotions until it is repaired, so that no alias or audit entry is silently lost.
 *
 * <p>Model names are case-sensitive. On a case-insensitive file system a name that differs from an existing model
 * only in case is refused rather than mixed into that model.
 */
public final class ModelRegistry {

    private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");
    private static final TypeReference<ModelVersion> VERSION_TYPE = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Integer>> ALIASES_TYPE = new TypeReference<>() { };
    private static final TypeReference<List<AliasChange>> HISTORY_TYPE = new TypeReference<>() { };
    private static final String VERSION_REMEDY = "Restore it from a backup of the registry directory; version"
            + " files are never rewritten, and the other versions are unaffected";

    private final Path root;

    public ModelRegistry(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Registers the next version of a model (the highest existing number + 1; the first is 1), creating the model
     * if needed. If {@code request.alias()} is set, the alias is moved to the new version under the same lock,
     * with an audit entry whose user is {@code request.user()} and whose build is {@code lineage.buildId()}.
     *
     * @return the new version as stored (numbers as JSON reads them back: integers as Integer/Long, decimals as
     *         Double)
     * @throws IllegalArgumentException if the request breaks a rule (the message names the field)
     * @throws CorruptRegistryFileException if the model's {@code aliases.json} or {@code history.json} is damaged
     */
    public ModelVersion register(NewVersion request) throws IOException {
        RegistryValidation.check(request);
        String model = request.model();
        Path modelDir = modelDir(model);
        return ModelLock.holding(modelDir, () -> {
            checkSameCase(modelDir, model);
            Map<String, Integer> aliases = readAliases(model);
            List<AliasChange> history = readHistory(model);
            Path versionsDir = Files.createDirectories(modelDir.resolve("versions"));
            List<Integer> existing = versionNumbers(model);
            int next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
            ModelVersion version = new ModelVersion(model, next, now(), request.files(), request.uri(),
                    request.uriSha256(), request.lineage(), request.metadata(), request.user());
            Path file = versionsDir.resolve(next + ".json");
            if (Files.exists(file)) {
                // Cannot happen while everyone honours the lock; refuse rather than replace an immutable version.
                throw new IOException("Model registry file " + file + " appeared while model '" + model + "' was"
                        + " locked; another program writes to " + root + " without the registry's lock");
            }
            RegistryFiles.writeAtomically(file, version);
            if (request.alias() != null) {
                try {
                    moveAlias(model, aliases, history, request.alias(), next, request.user(),
                            request.lineage().buildId());
                } catch (IOException e) {
                    throw new IOException("Version " + next + " of model '" + model + "' was registered, but alias '"
                            + request.alias() + "' could not be moved to it: " + e.getMessage(), e);
                }
            }
            // Returned as stored: JSON turns a Long 7 into an Integer 7 and a BigDecimal into a Double, and the
            // caller must see exactly what every later read sees.
            return readVersion(model, next).orElseThrow();
        });
    }

    /**
     * @throws NoSuchModelException naming the model and the versions that exist
     * @throws CorruptRegistryFileException if the version's file is damaged
     */
    public ModelVersion version(String model, int version) throws IOException {
        RegistryValidation.checkModel(model);
        RegistryValidation.checkVersionNumber(version);
        requireModel(model);
        Optional<ModelVersion> found = readVersion(model, version);
        if (found.isEmpty()) {
            throw new NoSuchModelException("Model '" + model + "' has no version " + version + "; versions that exist: "
                    + RegistryValidation.ranges(versionNumbers(model)));
        }
        return found.get();
    }

    /**
     * The version an alias points to, or the given version number.
     *
     * @param alias   alias name, or {@code null} when {@code version} is given
     * @param version version number, or {@code null} when {@code alias} is given
     * @throws IllegalArgumentException unless exactly one of {@code alias} and {@code version} is given
     * @throws NoSuchModelException for an unknown model, version or alias (naming those that exist)
     */
    public ModelVersion resolve(String model, String alias, Integer version) throws IOException {
        if ((alias == null) == (version == null)) {
            throw new IllegalArgumentException("alias/version: give exactly one of 'alias' and 'version' (got alias="
                    + RegistryValidation.quote(alias) + ", version=" + version + ")");
        }
        if (version != null) {
            return version(model, version);
        }
        RegistryValidation.checkModel(model);
        RegistryValidation.checkAlias(alias);
        requireModel(model);
        Map<String, Integer> aliases = readAliases(model);
        Integer target = aliases.get(alias);
        if (target == null) {
            throw new NoSuchModelException("Model '" + model + "' has no alias '" + alias + "'; aliases that exist: "
                    + (aliases.isEmpty() ? "none" : String.join(", ", aliases.keySet())));
        }
        return version(model, target);
    }

    /**
     * Points {@code alias} at {@code version} (creating the alias if needed) and appends the change to the
     * model's history. Promoting to the version the alias already has is recorded too: the audit shows who
     * confirmed it.
     *
     * @param user  Jenkins user id, or {@code null}
     * @param build the build doing it ({@code job#number}), or {@code null}
     * @throws NoSuchModelException if the model or version does not exist
     */
    public AliasChange promote(String model, int version, String alias, String user, String build)
            throws IOException {
        RegistryValidation.checkModel(model);
        RegistryValidation.checkVersionNumber(version);
        RegistryValidation.checkAlias(alias);
        requireModel(model);
        Path modelDir = modelDir(model);
        return ModelLock.holding(modelDir, () -> {
            // Read under the lock so that the version surely exists and the history chains correctly.
            version(model, version);
            Map<String, Integer> aliases = readAliases(model);
            List<AliasChange> history = readHistory(model);
            return moveAlias(model, aliases, history, alias, version, user, build);
        });
    }

    /**
     * Everything readable about a model; damaged files are described in {@link ModelSummary#problems()} instead
     * of failing the call.
     *
     * @throws NoSuchModelException if the model does not exist
     */
    public ModelSummary summary(String model) throws IOException {
        RegistryValidation.checkModel(model);
        requireModel(model);
        List<String> problems = new ArrayList<>();
        List<ModelVersion> versions = new ArrayList<>();
        Set<Integer> present = new TreeSet<>();
        for (int number : versionNumbers(model)) {
            present.add(number);
            try {
                readVersion(model, number).ifPresent(versions::add);
            } catch (CorruptRegistryFileException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, Integer> aliases = Map.of();
        try {
            aliases = readAliases(model);
        } catch (CorruptRegistryFileException e) {
            problems.add(e.getMessage());
        }
        for (Map.Entry<String, Integer> alias : aliases.entrySet()) {
            if (!present.contains(alias.getValue())) {
                problems.add("Model registry file " + aliasesFile(model) + ": alias '" + alias.getKey()
                        + "' points to version " + alias.getValue() + ", which does not exist; promote the alias"
                        + " to an existing version");
            }
        }
        List<AliasChange> history = List.of();
        try {
            history = readHistory(model);
        } catch (CorruptRegistryFileException e) {
            problems.add(e.getMessage());
        }
        return new ModelSummary(model, versions, aliases, history, problems);
    }

    /** Names of all models, sorted; a model with damaged files is listed too. */
    public List<String> models() throws IOException {
        List<String> models = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && isModelName(name)) {
                    models.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        Collections.sort(models);
        return models;
    }

    /**
     * The builds that hold the bytes or the lineage of every version an alias points to, over all models: the
     * lineage's {@code buildId} and each file's {@code buildId} (a reused cached run keeps its files in an older
     * build). Jenkins keeps these builds.
     *
     * @throws CorruptRegistryFileException if an {@code aliases.json} or an aliased version file is damaged: the
     *         set would be incomplete, and a caller that released builds not in it could lose a model's files
     */
    public Set<String> buildsHeldByAliases() throws IOException {
        Set<String> builds = new TreeSet<>();
        for (String model : models()) {
            for (int number : new TreeSet<>(readAliases(model).values())) {
                Optional<ModelVersion> version = readVersion(model, number);
                if (version.isEmpty()) {
                    continue; // summary() reports the dangling alias; nothing to keep for it
                }
                if (version.get().lineage().buildId() != null) {
                    builds.add(version.get().lineage().buildId());
                }
                for (ModelFile file : version.get().files()) {
                    builds.add(file.buildId());
                }
            }
        }
        return Collections.unmodifiableSet(builds);
    }

    private AliasChange moveAlias(String model, Map<String, Integer> aliases, List<AliasChange> history,
                                  String alias, int version, String user, String build) throws IOException {
        AliasChange change = new AliasChange(alias, version, aliases.get(alias), user, build, now());
        List<AliasChange> newHistory = new ArrayList<>(history);
        newHistory.add(change);
        RegistryFiles.writeAtomically(historyFile(model), newHistory);
        Map<String, Integer> newAliases = new TreeMap<>(aliases);
        newAliases.put(alias, version);
        RegistryFiles.writeAtomically(aliasesFile(model), newAliases);
        return change;
    }

    private Optional<ModelVersion> readVersion(String model, int number) throws IOException {
        Path file = modelDir(model).resolve("versions").resolve(number + ".json");
        Optional<ModelVersion> read = RegistryFiles.read(file, VERSION_TYPE, VERSION_REMEDY);
        if (read.isPresent()) {
            ModelVersion version = read.get();
            String problem = null;
            if (!model.equals(version.model()) || version.version() != number) {
                problem = "it holds model " + RegistryValidation.quote(version.model()) + " version "
                        + version.version() + ", not model '" + model + "' version " + number;
            } else if (version.created() == null) {
                problem = "it has no 'created' time";
            } else if (version.files().isEmpty() && version.uri() == null) {
                problem = "it has neither 'files' nor 'uri'";
            } else if (version.files().stream().anyMatch(f -> f == null || f.path() == null || f.buildId() == null)) {
                problem = "an entry of 'files' lacks its 'path' or 'buildId'";
            }
            if (problem != null) {
                throw new CorruptRegistryFileException(file, problem, VERSION_REMEDY);
            }
        }
        return read;
    }

    private Map<String, Integer> readAliases(String model) throws IOException {
        Path file = aliasesFile(model);
        String remedy = "Fix it by hand (a JSON object of alias name to version number, e.g. {\"production\": 3})"
                + " or restore it from a backup; registering and promoting in model '" + model + "' are refused"
                + " until then so that no alias is lost";
        Map<String, Integer> aliases = RegistryFiles.read(file, ALIASES_TYPE, remedy).orElseGet(LinkedHashMap::new);
        for (Map.Entry<String, Integer> alias : aliases.entrySet()) {
            try {
                RegistryValidation.checkAlias(alias.getKey());
            } catch (IllegalArgumentException e) {
                throw new CorruptRegistryFileException(file, e.getMessage(), remedy);
            }
            if (alias.getValue() == null || alias.getValue() < 1) {
                throw new CorruptRegistryFileException(file, "alias '" + alias.getKey() + "' points to "
                        + alias.getValue() + ", which is not a version number", remedy);
            }
        }
        return Collections.unmodifiableMap(new TreeMap<>(aliases));
    }

    private List<AliasChange> readHistory(String model) throws IOException {
        Path file = historyFile(model);
        String remedy = "Fix it by hand (a JSON list of alias changes) or restore it from a backup; registering"
                + " and promoting in model '" + model + "' are refused until then so that no audit entry is lost";
        List<AliasChange> history = RegistryFiles.read(file, HISTORY_TYPE, remedy).orElseGet(List::of);
        for (int i = 0; i < history.size(); i++) {
            AliasChange change = history.get(i);
            if (change == null || change.alias() == null || change.version() < 1) {
                throw new CorruptRegistryFileException(file, "entry " + i + " lacks its 'alias' or 'version'", remedy);
            }
        }
        return history;
    }

    /** Existing version numbers, ascending, from the file names (a damaged version still takes its number). */
    private List<Integer> versionNumbers(String model) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(modelDir(model).resolve("versions"))) {
            for (Path entry : entries) {
                Matcher matcher = VERSION_FILE.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        Collections.sort(numbers);
        return numbers;
    }

    private void requireModel(String model) throws IOException {
        Path modelDir = modelDir(model);
        if (!Files.isDirectory(modelDir)) {
            List<String> models = models();
            throw new NoSuchModelException("No model '" + model + "' in the registry " + root + "; models that exist: "
                    + (models.isEmpty() ? "none" : String.join(", ", models)));
        }
        checkSameCase(modelDir, model);
    }

    /** On a case-insensitive file system {@code Churn} would silently open the directory of {@code churn}. */
    private static void checkSameCase(Path modelDir, String model) throws IOException {
        String actual = modelDir.toRealPath().getFileName().toString();
        if (!actual.equals(model) && actual.equalsIgnoreCase(model)) {
            throw new IllegalArgumentException("model: '" + model + "' differs only in case from the existing model '"
                    + actual + "'; model names are case-sensitive but this file system is not");
        }
    }

    private static boolean isModelName(String name) {
        try {
            RegistryValidation.checkModel(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Path modelDir(String model) {
        return root.resolve(model);
    }

    private Path aliasesFile(String model) {
        return modelDir(model).resolve("aliases.json");
    }

    private Path historyFile(String model) {
        return modelDir(model).resolve("history.json");
    }

    private static String now() {
        return Instant.now().toString();
    }
}
