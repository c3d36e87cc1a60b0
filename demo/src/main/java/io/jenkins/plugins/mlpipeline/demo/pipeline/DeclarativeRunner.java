package io.jenkins.plugins.mlpipeline.demo.pipeline;

import groovy.lang.Closure;
import hudson.model.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * Runs a {@link PipelineModel} with Declarative's semantics: parameters and environment first; stages in order; a
 * failed stage fails the build and the later stages are skipped (an UNSTABLE one does not skip them); {@code when}
 * skips a stage; {@code post} conditions run in Declarative's order against the result at that point; the first
 * stage failure is rethrown at the end.
 */
final class DeclarativeRunner {

    private final PipelineScript script;
    private final PipelineModel model;

    DeclarativeRunner(PipelineScript script, PipelineModel model) {
        this.script = script;
        this.model = model;
    }

    void run() throws Exception {
        Frame f = Frame.current();
        BuildState build = f.build();
        applyParameters(build);
        model.cron().forEach(build::recordCron);
        DeclarativeDsl.evaluate(model.environment()).forEach(build::putEnv);
        Exception failure = withOptions(model.options(), () -> withAgent(model.agent(), () -> {
            Exception stagesFailure = null;
            try {
                runStages(model.stages());
            } catch (Exception e) {
                stagesFailure = e;
            }
            runPost(model.post(), "Declarative: Post Actions");
            return stagesFailure;
        }));
        if (failure != null) {
            throw failure;
        }
    }

    /** Defaults from the Jenkinsfile, overridden by the build's values; each checked against its definition. */
    private void applyParameters(BuildState build) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, PipelineModel.ParameterDefinition> byName = new LinkedHashMap<>();
        for (PipelineModel.ParameterDefinition p : model.parameters()) {
            byName.put(p.name(), p);
            values.put(p.name(), p.defaultValue());
        }
        build.options().parameters().forEach((name, value) -> {
            PipelineModel.ParameterDefinition p = byName.get(name);
            if (p == null) {
                throw new JenkinsfileException("parameter " + name + ": " + build.scriptName() + " declares no such"
                        + " parameter; it declares " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
            }
            values.put(name, convert(p, value));
        });
        build.params().putAll(values);
    }

    private static Object convert(PipelineModel.ParameterDefinition p, Object value) {
        String text = String.valueOf(value);
        switch (p.type()) {
            case "booleanParam":
                if (value instanceof Boolean b) {
                    return b;
                }
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                throw new JenkinsfileException("parameter " + p.name() + " is a booleanParam: give true or false, not "
                        + text);
            case "choice":
                if (!p.choices().contains(text)) {
                    throw new JenkinsfileException("parameter " + p.name() + ": '" + text + "' is not one of its"
                            + " choices " + p.choices());
                }
                return text;
            default:
                return text;
        }
    }

    private void runStages(List<PipelineModel.Stage> stages) throws Exception {
        Exception failure = null;
        for (PipelineModel.Stage stage : stages) {
            try {
                runStage(stage, failure != null);
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void runStage(PipelineModel.Stage stage, boolean earlierFailure) throws Exception {
        Frame f = Frame.current();
        f.log("[Pipeline] stage");
        f.log("[Pipeline] { (" + stage.name() + ")");
        try {
            if (earlierFailure) {
                f.log("Stage \"" + stage.name() + "\" skipped due to earlier failure(s)");
                return;
            }
            if (stage.when() != null && !stage.when().test(script)) {
                f.log("Stage \"" + stage.name() + "\" skipped due to when conditional");
                return;
            }
            Exception failure = null;
            try {
                withOptions(stage.options(), () -> withAgent(stage.agent(), () -> {
                    Map<String, String> env = DeclarativeDsl.evaluate(stage.environment());
                    return Frame.current().withEnv(env).enter(() -> {
                        runStageBody(stage);
                        return null;
                    });
                }));
            } catch (Exception e) {
                failure = e;
                // Declarative records the failure on the build before the post sections look at the result.
                f.build().worsen(resultOf(e));
                f.log("ERROR: " + PipelineScript.message(e));
            }
            runPost(stage.post(), "Declarative: Post Actions of " + stage.name());
            if (failure != null) {
                throw failure;
            }
        } finally {
            f.log("[Pipeline] }");
            f.log("[Pipeline] // stage");
        }
    }

    private void runStageBody(PipelineModel.Stage stage) throws Exception {
        if (stage.steps() != null) {
            script.runBody(stage.steps());
        } else if (!stage.stages().isEmpty()) {
            runStages(stage.stages());
        } else {
            Map<String, Frame.ThrowingSupplier<Object>> branches = new LinkedHashMap<>();
            for (PipelineModel.Stage branch : stage.parallel()) {
                branches.put(branch.name(), () -> {
                    runStage(branch, false);
                    return null;
                });
            }
            script.runParallel(branches, stage.failFast());
        }
    }

    private Exception withOptions(PipelineModel.Options options, Frame.ThrowingSupplier<Exception> body)
            throws Exception {
        Frame.ThrowingSupplier<Object> retried = options.retry() > 1
                ? () -> script.withRetry(options.retry(), () -> rethrowing(body)) : () -> rethrowing(body);
        Frame.ThrowingSupplier<Object> timed = options.timeout() == null ? retried
                : () -> script.withTimeout(options.timeout(), retried);
        try {
            timed.get();
            return null;
        } catch (Carrier c) {
            return c.failure;
        }
    }

    /**
     * A body may hand back a failure instead of throwing it (the pipeline's stages, so post still runs inside the
     * timeout); inside retry and timeout it must still look like a failure, so it travels in this wrapper.
     */
    private static Object rethrowing(Frame.ThrowingSupplier<Exception> body) throws Exception {
        Exception failure = body.get();
        if (failure != null) {
            throw new Carrier(failure);
        }
        return null;
    }

    private Exception withAgent(PipelineModel.Agent agent, Frame.ThrowingSupplier<Exception> body) throws Exception {
        if (agent == null || !agent.node()) {
            return body.get();
        }
        Object[] result = new Object[1];
        script.withNode(agent.label(), () -> {
            result[0] = body.get();
            return null;
        });
        return (Exception) result[0];
    }

    private void runPost(Map<String, Closure<?>> post, String label) {
        if (post.isEmpty()) {
            return;
        }
        Frame f = Frame.current();
        f.log("[Pipeline] stage");
        f.log("[Pipeline] { (" + label + ")");
        for (String condition : PipelineModel.POST_CONDITIONS) {
            Closure<?> block = post.get(condition);
            if (block == null || !applies(condition, f.build().currentResult())) {
                continue;
            }
            try {
                // Post runs even after a timeout or an abort aborted the body: only the build's own scope applies.
                f.withScope(f.build().rootScope()).enter(() -> script.runBody(block));
            } catch (Exception e) {
                f.log("Error when executing " + condition + " post condition:");
                f.log("ERROR: " + PipelineScript.message(e));
                f.build().worsen(resultOf(e));
            }
        }
        f.log("[Pipeline] }");
    }

    private static boolean applies(String condition, Result r) {
        return switch (condition) {
            case "always", "cleanup" -> true;
            case "aborted" -> r == Result.ABORTED;
            case "failure" -> r == Result.FAILURE;
            case "success" -> r == Result.SUCCESS;
            case "unstable" -> r == Result.UNSTABLE;
            case "unsuccessful" -> r != Result.SUCCESS;
            default -> false;
        };
    }

    static Result resultOf(Throwable e) {
        return e instanceof FlowInterruptedException fie ? fie.getResult() : Result.FAILURE;
    }

    private static final class Carrier extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Exception failure;

        Carrier(Exception failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
