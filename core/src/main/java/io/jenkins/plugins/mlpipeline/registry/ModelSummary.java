package io.jenkins.plugins.mlpipeline.registry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything readable about one model. A damaged file does not hide the rest: it is left out and described in
 * {@code problems}, one line per file, each naming the file.
 *
 * @param versions readable versions, ascending
 * @param aliases  alias name to version, sorted by alias (empty if {@code aliases.json} is unreadable)
 * @param history  alias changes, oldest first (empty if {@code history.json} is unreadable)
 * @param problems one line per unreadable or inconsistent file; empty when all is well
 */
public record ModelSummary(String model, List<ModelVersion> versions, Map<String, Integer> aliases,
                           List<AliasChange> history, List<String> problems) {

    public ModelSummary {
        versions = List.copyOf(versions);
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
        history = List.copyOf(history);
        problems = List.copyOf(problems);
    }
}
