package io.jenkins.plugins.mlpipeline.demo.pipeline;

import groovy.lang.Closure;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.mlpipeline.models.MlArtifactStep;
import io.jenkins.plugins.mlpipeline.models.MlModelStep;
import io.jenkins.plugins.mlpipeline.models.MlPromoteStep;
import io.jenkins.plugins.mlpipeline.steps.MlSensorStep;
import io.jenkins.plugins.mlpipeline.steps.MlTrainStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * Base class of a Jenkinsfile evaluated by this test harness (not Jenkins): the Pipeline steps the examples use,
 * {@code pipeline { }} (see {@link DeclarativeDsl}), {@code env}, {@code params} and {@code currentBuild}. The ML
 * steps run through the plugin's real Step classes and executions. Anything else is an error naming it and its
 * line.
 */
public abstract class PipelineScript extends Script {

    /** Class (and stack-trace file) name of every compiled Jenkinsfile: how error lines are found. */
    static final String SCRIPT_CLASS = "Jenkinsfile";

    private static final Duration STOP_GRACE = Duration.ofSeconds(90);
    private static final Map<String, Class<? extends Step>> ML_STEPS = mlSteps();
    private static final List<String> BASIC_STEPS = List.of("echo", "error", "unstable", "input", "timeout", "retry",
            "node", "parallel", "sleep", "script", "pipeline");

    private static Map<String, Class<? extends Step>> mlSteps() {
        Map<String, Class<? extends Step>> steps = new LinkedHashMap<>();
        register(steps, new MlTrainStep.DescriptorImpl(), MlTrainStep.class);
        register(steps, new MlSensorStep.DescriptorImpl(), MlSensorStep.class);
        register(steps, new MlArtifactStep.DescriptorImpl(), MlArtifactStep.class);
        register(steps, new MlPromoteStep.DescriptorImpl(), MlPromoteStep.class);
        register(steps, new MlModelStep.DescriptorImpl(), MlModelStep.class);
        return Collections.unmodifiableMap(steps);
    }

    /** The function name comes from the step's own descriptor, so the harness can never drift from the plugin. */
    private static void register(Map<String, Class<? extends Step>> steps, StepDescriptor d,
            Class<? extends Step> type) {
        steps.put(d.getFunctionName(), type);
    }

    // ---- variables ----------------------------------------------------------------------------------------------

    public EnvAccess getEnv() {
        return new EnvAccess(build());
    }

    public Map<String, Object> getParams() {
        return Collections.unmodifiableMap(build().params());
    }

    public CurrentBuild getCurrentBuild() {
        return new CurrentBuild(build());
    }

    /** Environment variables also read as plain names ({@code "${MODEL}"}), as in Pipeline. */
    @Override
    public Object getProperty(String name) {
        try {
            return super.getProperty(name);
        } catch (MissingPropertyException e) {
            Frame f = Frame.currentOrNull();
            String value = f == null ? null : f.env().get(name);
            if (value != null) {
                return value;
            }
            throw new JenkinsfileException("No such property: " + name + " at " + where()
                    + "; declare it with def, or read parameters as params." + name + " and variables as env."
                    + name);
        }
    }

    // ---- the pipeline block -------------------------------------------------------------------------------------

    public Object pipeline(Closure<?> body) throws Exception {
        PipelineModel model = DeclarativeDsl.parse(body, this);
        new DeclarativeRunner(this, model).run();
        return null;
    }

    // ---- basic steps --------------------------------------------------------------------------------------------

    public void echo(Object message) {
        Frame f = Frame.current();
        f.log("[Pipeline] echo");
        f.log(String.valueOf(message));
    }

    public void error(Object message) throws AbortException {
        Frame.current().log("[Pipeline] error");
        throw new AbortException(String.valueOf(message));
    }

    /** Marks the build (and stage) UNSTABLE with a warning and carries on. */
    public void unstable(Object messageOrArgs) {
        Object message = messageOrArgs instanceof Map<?, ?> m ? m.get("message") : messageOrArgs;
        Frame f = Frame.current();
        f.log("[Pipeline] unstable");
        f.log("WARNING: " + message);
        f.build().worsen(Result.UNSTABLE);
    }

    /** Inside {@code steps}: runs its body (the harness needs no sandbox boundary). */
    public Object script(Closure<?> body) throws Exception {
        Frame.current().log("[Pipeline] script");
        return runBody(body);
    }

    public void sleep(long seconds) throws Exception {
        sleepFor(Duration.ofSeconds(seconds));
    }

    public void sleep(Map<String, Object> args) throws Exception {
        Map<String, Object> a = arguments("sleep", args, Set.of("time", "unit"));
        sleepFor(duration("sleep", a, TimeUnit.SECONDS));
    }

    private void sleepFor(Duration d) throws Exception {
        Frame f = Frame.current();
        f.log("[Pipeline] sleep");
        f.log("Sleeping for " + human(d));
        long until = System.nanoTime() + d.toNanos();
        f.build().lock().outside(() -> {
            while (System.nanoTime() < until) {
                f.scope().check();
                Thread.sleep(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000)));
            }
            return null;
        });
        f.scope().check();
    }

    /**
     * Asks a person; the harness answers with {@link BuildOptions#answerInputs}. Approval returns the approver's id
     * when {@code submitterParameter} is given (else null); rejection aborts the build, as Pipeline does.
     */
    public Object input(Object messageOrArgs) throws Exception {
        Map<String, Object> a;
        if (messageOrArgs instanceof Map<?, ?> map) {
            a = arguments("input", map, Set.of("message", "ok", "submitter", "submitterParameter", "id"));
        } else if (messageOrArgs instanceof CharSequence text) {
            a = Map.of("message", text.toString());
        } else {
            throw new JenkinsfileException("input at " + where() + ": give a message or named arguments (message, ok,"
                    + " submitter, submitterParameter, id); the stage-level input directive and input parameters are"
                    + " not implemented by this harness");
        }
        String message = require("input", a, "message");
        String ok = a.get("ok") == null ? "Proceed" : a.get("ok").toString();
        String submitter = a.get("submitter") == null ? null : a.get("submitter").toString();
        String id = a.get("id") == null ? message.replaceAll("[^A-Za-z0-9]", "") : a.get("id").toString();
        Frame f = Frame.current();
        f.scope().check();
        f.log("[Pipeline] input");
        if (f.workspace() != null) {
            f.log("WARNING: input inside node holds an executor while it waits; move it out of the node");
        }
        f.log(message);
        f.log(ok + " or Abort");
        var answers = f.build().options().inputs();
        if (answers == null) {
            throw new JenkinsfileException("input '" + message + "' at " + where() + ": the harness was given no"
                    + " answer (BuildOptions.answerInputs: approve or reject)");
        }
        InputAnswer.Request request = new InputAnswer.Request(id, message, ok, submitter);
        InputAnswer answer = f.build().lock().outside(() -> answers.apply(request));
        f.scope().check();
        if (answer instanceof InputAnswer.Reject reject) {
            throw Interruptions.rejected(reject.user());
        }
        String user = ((InputAnswer.Approve) answer).user();
        if (submitter != null && List.of(submitter.split("\\s*,\\s*")).stream().noneMatch(user::equals)) {
            throw new AbortException("input '" + message + "': " + user + " may not approve; submitter allows "
                    + submitter);
        }
        f.log("Approved by " + user);
        return a.get("submitterParameter") != null ? user : null;
    }

    public Object timeout(Map<String, Object> args, Closure<?> body) throws Exception {
        Map<String, Object> a = arguments("timeout", args, Set.of("time", "unit"));
        return withTimeout(duration("timeout", a, TimeUnit.MINUTES), () -> runBody(body));
    }

    /** {@code timeout(5) { }}: minutes. */
    public Object timeout(Number minutes, Closure<?> body) throws Exception {
        return withTimeout(Duration.ofMinutes(minutes.longValue()), () -> runBody(body));
    }

    Object withTimeout(Duration limit, Frame.ThrowingSupplier<Object> body) throws Exception {
        Frame f = Frame.current();
        f.log("[Pipeline] timeout");
        f.log("Timeout set to expire in " + human(limit));
        CancelScope scope = f.scope().child();
        FlowInterruptedException expired = Interruptions.timeout(human(limit));
        ScheduledFuture<?> timer = f.build().harness().timer().schedule(() -> {
            f.log("Cancelling nested steps due to timeout");
            scope.cancel(expired);
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return f.withScope(scope).enter(body);
        } catch (Exception e) {
            if (scope.ownCancellation() == expired && f.scope().cancellation() == null) {
                throw expired;
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    public Object retry(Object countOrArgs, Closure<?> body) throws Exception {
        Object count = countOrArgs instanceof Map<?, ?> m
                ? arguments("retry", m, Set.of("count")).get("count") : countOrArgs;
        if (!(count instanceof Number n) || n.intValue() < 1) {
            throw new JenkinsfileException("retry at " + where() + ": count must be a whole number >= 1, was "
                    + count);
        }
        return withRetry(n.intValue(), () -> runBody(body));
    }

    Object withRetry(int attempts, Frame.ThrowingSupplier<Object> body) throws Exception {
        Frame f = Frame.current();
        f.log("[Pipeline] retry");
        for (int attempt = 1; ; attempt++) {
            try {
                return body.get();
            } catch (FlowInterruptedException e) {
                throw e; // an abort (timeout, rejected input, failFast) is never retried
            } catch (Exception e) {
                if (attempt >= attempts) {
                    throw e;
                }
                f.log("ERROR: " + message(e));
                f.log("Retrying");
                f.scope().check();
            }
        }
    }

    public Object node(Closure<?> body) throws Exception {
        return withNode(null, () -> runBody(body));
    }

    public Object node(String label, Closure<?> body) throws Exception {
        return withNode(label, () -> runBody(body));
    }

    Object withNode(String label, Frame.ThrowingSupplier<Object> body) throws Exception {
        Frame f = Frame.current();
        f.scope().check();
        f.log("[Pipeline] node");
        DirectoryWorkspace ws = f.build().harness().allocateWorkspace(f.build().run().getParent().getFullName());
        f.log("Running on built-in" + (label == null ? "" : " (label " + label + ")") + " in " + ws.root());
        try {
            return f.withWorkspace(ws).withEnv(Map.of("WORKSPACE", ws.root().toString())).enter(body);
        } finally {
            f.build().harness().releaseWorkspace(ws);
            f.log("[Pipeline] // node");
        }
    }

    /** Branches run on threads of their own (the steps truly overlap); {@code failFast: true} aborts the others. */
    public Map<String, Object> parallel(Map<String, ?> branches) throws Exception {
        Map<String, Frame.ThrowingSupplier<Object>> bodies = new LinkedHashMap<>();
        boolean failFast = false;
        for (Map.Entry<String, ?> e : branches.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("failFast")) {
                failFast = Boolean.TRUE.equals(e.getValue());
            } else if (e.getValue() instanceof Closure<?> c) {
                bodies.put(name, () -> runBody(c));
            } else {
                throw new JenkinsfileException("parallel at " + where() + ": branch '" + name + "' must be a closure"
                        + " { ... }, was " + e.getValue());
            }
        }
        return runParallel(bodies, failFast);
    }

    Map<String, Object> runParallel(Map<String, Frame.ThrowingSupplier<Object>> bodies, boolean failFast)
            throws Exception {
        Frame f = Frame.current();
        f.scope().check();
        f.log("[Pipeline] parallel");
        Map<String, CancelScope> scopes = new LinkedHashMap<>();
        bodies.keySet().forEach(name -> scopes.put(name, f.scope().child()));
        Map<String, Object> results = new ConcurrentHashMap<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, Frame.ThrowingSupplier<Object>> branch : bodies.entrySet()) {
            String name = branch.getKey();
            Frame bf = f.withScope(scopes.get(name)).withBranch(name);
            Thread t = new Thread(() -> {
                f.build().lock().acquire();
                try {
                    bf.log("[Pipeline] { (Branch: " + name + ")");
                    Object r = bf.enter(branch.getValue());
                    if (r != null) {
                        results.put(name, r);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                    boolean abortedByFailFast = scopes.get(name).ownCancellation() != null;
                    if (failFast && !abortedByFailFast) {
                        FlowInterruptedException cause = Interruptions.failFast(name);
                        scopes.forEach((other, scope) -> {
                            if (!other.equals(name)) {
                                scope.cancel(cause);
                            }
                        });
                    }
                } finally {
                    bf.log("[Pipeline] }");
                    f.build().lock().release();
                }
            }, "pipeline-" + f.build().run().getExternalizableId() + "-" + name);
            t.setDaemon(true);
            threads.add(t);
        }
        f.build().lock().outside(() -> {
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            return null;
        });
        f.log("[Pipeline] // parallel");
        if (!failures.isEmpty()) {
            // The first failure that was not the harness' own failFast abort is the one Pipeline reports.
            Throwable first = failures.stream().filter(e -> !(e instanceof FlowInterruptedException fie
                    && fie.getMessage().startsWith("Failed in branch"))).findFirst().orElse(failures.get(0));
            throw first instanceof Exception e ? e : new ExecutionException(first);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        bodies.keySet().forEach(name -> ordered.put(name, results.get(name)));
        return ordered;
    }

    // ---- ML steps and unknown names -----------------------------------------------------------------------------

    public Object methodMissing(String name, Object args) throws Exception {
        Object[] a = args instanceof Object[] array ? array : new Object[] {args};
        Class<? extends Step> type = ML_STEPS.get(name);
        if (type == null) {
            List<String> known = new ArrayList<>(BASIC_STEPS);
            known.addAll(ML_STEPS.keySet());
            throw new JenkinsfileException("No such DSL method '" + name + "' at " + where() + "; this test harness"
                    + " (not Jenkins) implements only " + String.join(", ", known)
                    + " and the declarative directives the examples use");
        }
        if (a.length > 1) {
            throw new JenkinsfileException(name + " at " + where() + ": give named arguments, e.g. " + name
                    + "(name: value, ...)");
        }
        return runStep(name, type, a.length == 0 ? null : a[0]);
    }

    /** As Pipeline runs a step: start(), then wait for the context's outcome; an abort calls stop(cause). */
    private Object runStep(String function, Class<? extends Step> type, Object arguments) throws Exception {
        Frame f = Frame.current();
        f.scope().check();
        Step step;
        try {
            step = StepBinding.bind(function, type, arguments);
        } catch (IllegalArgumentException e) {
            throw new JenkinsfileException(e.getMessage() + " (" + where() + ")");
        }
        f.log("[Pipeline] " + function);
        HarnessStepContext context = new HarnessStepContext(f.build(), f.logger(), f.env(), f.workspace());
        StepExecution execution = step.start(context);
        Object result = execution.start() ? outcome(context, 0)
                : f.build().lock().outside(() -> awaitOutcome(f, context, execution));
        if (type == MlTrainStep.class || type == MlSensorStep.class) {
            if (result instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> run = (Map<String, Object>) map;
                f.build().recordTrainingRun(run);
            }
        }
        return result;
    }

    private static Object awaitOutcome(Frame f, HarnessStepContext context, StepExecution execution)
            throws Exception {
        long stoppedAt = 0;
        Throwable stopCause = null;
        while (true) {
            try {
                return outcome(context, 50);
            } catch (TimeoutException e) {
                Throwable cancel = f.scope().cancellation();
                if (cancel != null && stopCause == null) {
                    stopCause = cancel;
                    stoppedAt = System.nanoTime();
                    execution.stop(cancel);
                } else if (stopCause != null && System.nanoTime() - stoppedAt > STOP_GRACE.toNanos()) {
                    f.log("The step did not stop within " + human(STOP_GRACE) + " after it was aborted");
                    throw stopCause instanceof Exception ex ? ex : new ExecutionException(stopCause);
                }
            }
        }
    }

    private static Object outcome(HarnessStepContext context, long waitMillis) throws Exception {
        try {
            return context.outcome().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Runs a closure of the Jenkinsfile with this script as its delegate, so steps resolve here first. */
    Object runBody(Closure<?> body) throws Exception {
        Frame.current().scope().check();
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(this);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        return c.call();
    }

    BuildState build() {
        return Frame.current().build();
    }

    /** {@code examples/Jenkinsfile line 12}: where the calling thread is in the Jenkinsfile. */
    String where() {
        Frame f = Frame.currentOrNull();
        String file = f == null ? SCRIPT_CLASS : f.build().scriptName();
        int line = JenkinsfileException.currentLine(SCRIPT_CLASS);
        return line > 0 ? file + " line " + line : file;
    }

    private Map<String, Object> arguments(String step, Map<?, ?> args, Set<String> allowed) {
        Map<String, Object> a = new LinkedHashMap<>();
        args.forEach((k, v) -> a.put(String.valueOf(k), StepBinding.plain(v)));
        for (String key : a.keySet()) {
            if (!allowed.contains(key)) {
                throw new JenkinsfileException(step + " at " + where() + ": unknown argument " + key + "; " + step
                        + " takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return a;
    }

    private String require(String step, Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new JenkinsfileException(step + " at " + where() + ": " + key + " is required");
        }
        return v.toString();
    }

    /** {@code time:} and {@code unit:} (a TimeUnit name, e.g. MINUTES) as Pipeline's timeout and sleep take them. */
    Duration duration(String step, Map<String, Object> a, TimeUnit defaultUnit) {
        if (!(a.get("time") instanceof Number time) || time.longValue() < 0) {
            throw new JenkinsfileException(step + " at " + where() + ": time must be a whole number >= 0, was "
                    + a.get("time"));
        }
        TimeUnit unit = defaultUnit;
        if (a.get("unit") != null) {
            try {
                unit = TimeUnit.valueOf(a.get("unit").toString().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new JenkinsfileException(step + " at " + where() + ": unit '" + a.get("unit") + "' is not one"
                        + " of NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS");
            }
        }
        return Duration.ofNanos(unit.toNanos(time.longValue()));
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.getSeconds() < 120) {
            return d.getSeconds() + " sec";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " hr";
    }

    static String message(Throwable e) {
        if (e instanceof AbortException || e instanceof JenkinsfileException || e instanceof FlowInterruptedException) {
            return e.getMessage();
        }
        return e.toString();
    }
}
