package io.jenkins.plugins.mlpipeline.demo.pipeline;

import groovy.lang.Closure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A declarative {@code pipeline { }} as the harness understood it, before anything ran. */
record PipelineModel(Agent agent, List<String> cron, Options options, List<ParameterDefinition> parameters,
                     Closure<?> environment, List<Stage> stages, Map<String, Closure<?>> post) {

    /** Post conditions in the order Declarative evaluates them. */
    static final List<String> POST_CONDITIONS = List.of("always", "aborted", "failure", "success", "unstable",
            "unsuccessful", "cleanup");

    /** {@code agent none} (no node), or any/label/kubernetes: a node (a local workspace here). */
    record Agent(boolean node, String label) {
        static final Agent NONE = new Agent(false, null);
    }

    /** The options the harness acts on; the others (buildDiscarder, disableConcurrentBuilds) are accepted and ignored. */
    record Options(Duration timeout, int retry) {
        static final Options NONE = new Options(null, 1);
    }

    record ParameterDefinition(String type, String name, Object defaultValue, List<String> choices) {
    }

    /**
     * @param steps    the steps block, or null
     * @param parallel stages run in parallel, or empty
     * @param stages   nested sequential stages, or empty
     */
    record Stage(String name, Agent agent, Condition when, Options options, Closure<?> environment, Closure<?> steps,
                 List<Stage> parallel, boolean failFast, List<Stage> stages, Map<String, Closure<?>> post) {
    }

    /** A {@code when} condition. */
    interface Condition {
        boolean test(PipelineScript script) throws Exception;
    }
}
