package io.jenkins.plugins.mlpipeline.demo.pipeline;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingPropertyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * Reads a declarative {@code pipeline { }} block into a {@link PipelineModel}. Each section is a delegate with
 * exactly the directives the harness implements; a name no delegate has falls through to the script, which reports
 * it with its line. Bodies (steps, environment, when expressions, post) are kept as closures and run later.
 */
final class DeclarativeDsl {

    private DeclarativeDsl() {
    }

    static PipelineModel parse(Closure<?> body, PipelineScript script) {
        PipelineSection section = new PipelineSection(script);
        run(body, section);
        if (section.stages == null) {
            throw new JenkinsfileException("pipeline at " + script.where() + ": a pipeline needs a stages { } block");
        }
        if (section.agent == null) {
            throw new JenkinsfileException("pipeline at " + script.where() + ": a pipeline needs an agent (agent any,"
                    + " agent none, agent { label '...' })");
        }
        return new PipelineModel(section.agent, section.cron, section.options, section.parameters,
                section.environment, section.stages, section.post);
    }

    static void run(Closure<?> body, Object delegate) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(delegate);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
    }

    /** Directives every section with an agent shares: {@code agent any}, {@code agent none}. */
    abstract static class AgentHolder {
        final PipelineScript script;
        PipelineModel.Agent agent;

        AgentHolder(PipelineScript script) {
            this.script = script;
        }

        public String getAny() {
            return "any";
        }

        public String getNone() {
            return "none";
        }

        public void agent(Object kind) {
            if ("any".equals(kind)) {
                agent = new PipelineModel.Agent(true, null);
            } else if ("none".equals(kind)) {
                agent = PipelineModel.Agent.NONE;
            } else {
                throw new JenkinsfileException("agent at " + script.where() + ": use agent any, agent none or agent"
                        + " { label '...' }, not " + kind);
            }
        }

        public void agent(Closure<?> body) {
            AgentSection section = new AgentSection();
            run(body, section);
            agent = new PipelineModel.Agent(true, section.label);
        }
    }

    /** {@code agent { label 'gpu' }} or {@code agent { kubernetes { ... } }} (accepted; the harness runs locally). */
    static final class AgentSection {
        String label;

        public void label(String label) {
            this.label = label;
        }

        public void kubernetes(Object ignored) {
            this.label = "kubernetes";
        }
    }

    static final class PipelineSection extends AgentHolder {
        final List<String> cron = new ArrayList<>();
        PipelineModel.Options options = PipelineModel.Options.NONE;
        final List<PipelineModel.ParameterDefinition> parameters = new ArrayList<>();
        Closure<?> environment;
        List<PipelineModel.Stage> stages;
        Map<String, Closure<?>> post = Map.of();

        PipelineSection(PipelineScript script) {
            super(script);
        }

        public void triggers(Closure<?> body) {
            run(body, new TriggersSection(this));
        }

        public void options(Closure<?> body) {
            OptionsSection section = new OptionsSection(script);
            run(body, section);
            options = section.toOptions();
        }

        public void parameters(Closure<?> body) {
            run(body, new ParametersSection(script, parameters));
        }

        public void environment(Closure<?> body) {
            environment = body;
        }

        public void stages(Closure<?> body) {
            StagesSection section = new StagesSection(script);
            run(body, section);
            stages = section.stages;
        }

        public void post(Closure<?> body) {
            post = PostSection.read(body, script);
        }
    }

    /** {@code cron('H 3 * * 1')}: recorded on the build, never scheduled (a test harness has no clock of its own). */
    static final class TriggersSection {
        private final PipelineSection pipeline;

        TriggersSection(PipelineSection pipeline) {
            this.pipeline = pipeline;
        }

        public void cron(String spec) {
            if (spec == null || spec.isBlank()) {
                throw new JenkinsfileException("cron at " + pipeline.script.where() + ": give a schedule, e.g. "
                        + "cron('H 3 * * 1')");
            }
            pipeline.cron.add(spec);
        }
    }

    static final class OptionsSection {
        private final PipelineScript script;
        private Duration timeout;
        private int retry = 1;

        OptionsSection(PipelineScript script) {
            this.script = script;
        }

        PipelineModel.Options toOptions() {
            return new PipelineModel.Options(timeout, retry);
        }

        public void timeout(Map<String, Object> args) {
            Map<String, Object> a = new LinkedHashMap<>();
            args.forEach((k, v) -> a.put(String.valueOf(k), StepBinding.plain(v)));
            a.keySet().stream().filter(k -> !k.equals("time") && !k.equals("unit")).findFirst().ifPresent(k -> {
                throw new JenkinsfileException("timeout at " + script.where() + ": unknown argument " + k
                        + "; timeout takes time, unit");
            });
            timeout = script.duration("timeout", a, TimeUnit.MINUTES);
        }

        public void retry(int count) {
            if (count < 1) {
                throw new JenkinsfileException("retry at " + script.where() + ": count must be >= 1, was " + count);
            }
            retry = count;
        }

        /** Accepted and ignored: the harness keeps builds in memory. */
        public void buildDiscarder(Object strategy) {
        }

        public Object logRotator(Map<String, Object> args) {
            return args;
        }

        public void disableConcurrentBuilds() {
        }

        public void skipDefaultCheckout() {
        }

        public void timestamps() {
        }
    }

    static final class ParametersSection {
        private final PipelineScript script;
        private final List<PipelineModel.ParameterDefinition> parameters;

        ParametersSection(PipelineScript script, List<PipelineModel.ParameterDefinition> parameters) {
            this.script = script;
            this.parameters = parameters;
        }

        public void string(Map<String, Object> args) {
            Map<String, Object> a = check("string", args);
            parameters.add(new PipelineModel.ParameterDefinition("string", name("string", a),
                    a.get("defaultValue") == null ? "" : a.get("defaultValue").toString(), List.of()));
        }

        public void text(Map<String, Object> args) {
            Map<String, Object> a = check("text", args);
            parameters.add(new PipelineModel.ParameterDefinition("text", name("text", a),
                    a.get("defaultValue") == null ? "" : a.get("defaultValue").toString(), List.of()));
        }

        public void booleanParam(Map<String, Object> args) {
            Map<String, Object> a = check("booleanParam", args);
            parameters.add(new PipelineModel.ParameterDefinition("booleanParam", name("booleanParam", a),
                    Boolean.TRUE.equals(a.get("defaultValue")), List.of()));
        }

        /** The first choice is the default, as in Jenkins. */
        public void choice(Map<String, Object> args) {
            Map<String, Object> a = check("choice", args);
            List<String> choices = new ArrayList<>();
            Object given = a.get("choices");
            if (given instanceof List<?> list) {
                list.forEach(item -> choices.add(String.valueOf(item)));
            } else if (given != null) {
                choices.addAll(List.of(given.toString().split("\n")));
            }
            if (choices.isEmpty()) {
                throw new JenkinsfileException("choice parameter " + a.get("name") + " at " + script.where()
                        + ": give choices: ['a', 'b']");
            }
            parameters.add(new PipelineModel.ParameterDefinition("choice", name("choice", a), choices.get(0),
                    List.copyOf(choices)));
        }

        private Map<String, Object> check(String type, Map<String, Object> args) {
            Map<String, Object> a = new LinkedHashMap<>();
            args.forEach((k, v) -> a.put(String.valueOf(k), StepBinding.plain(v)));
            List<String> allowed = type.equals("choice") ? List.of("name", "choices", "description")
                    : List.of("name", "defaultValue", "description", "trim");
            for (String key : a.keySet()) {
                if (!allowed.contains(key)) {
                    throw new JenkinsfileException(type + " parameter at " + script.where() + ": unknown argument "
                            + key + "; " + type + " takes " + String.join(", ", allowed));
                }
            }
            return a;
        }

        private String name(String type, Map<String, Object> a) {
            Object name = a.get("name");
            if (name == null || !Pattern.matches("[A-Za-z_][A-Za-z0-9_]*", name.toString())) {
                throw new JenkinsfileException(type + " parameter at " + script.where() + ": name must be an"
                        + " identifier (letters, digits, _), was " + name);
            }
            return name.toString();
        }
    }

    static final class StagesSection {
        private final PipelineScript script;
        final List<PipelineModel.Stage> stages = new ArrayList<>();

        StagesSection(PipelineScript script) {
            this.script = script;
        }

        public void stage(String name, Closure<?> body) {
            StageSection section = new StageSection(script, name);
            run(body, section);
            stages.add(section.toStage());
        }
    }

    static final class StageSection extends AgentHolder {
        private final String name;
        private PipelineModel.Condition when;
        private PipelineModel.Options options = PipelineModel.Options.NONE;
        private Closure<?> environment;
        private Closure<?> steps;
        private List<PipelineModel.Stage> parallel = List.of();
        private List<PipelineModel.Stage> stages = List.of();
        private boolean failFast;
        private Map<String, Closure<?>> post = Map.of();

        StageSection(PipelineScript script, String name) {
            super(script);
            this.name = name;
        }

        PipelineModel.Stage toStage() {
            int bodies = (steps != null ? 1 : 0) + (parallel.isEmpty() ? 0 : 1) + (stages.isEmpty() ? 0 : 1);
            if (bodies != 1) {
                throw new JenkinsfileException("stage '" + name + "' at " + script.where() + ": give exactly one of"
                        + " steps { }, parallel { } or stages { }");
            }
            return new PipelineModel.Stage(name, agent, when, options, environment, steps, parallel, failFast, stages,
                    post);
        }

        public void when(Closure<?> body) {
            WhenSection section = new WhenSection(script);
            run(body, section);
            when = section.allOf();
        }

        public void options(Closure<?> body) {
            OptionsSection section = new OptionsSection(script);
            run(body, section);
            options = section.toOptions();
        }

        public void environment(Closure<?> body) {
            environment = body;
        }

        public void steps(Closure<?> body) {
            steps = body;
        }

        public void parallel(Closure<?> body) {
            StagesSection section = new StagesSection(script);
            run(body, section);
            parallel = section.stages;
        }

        public void stages(Closure<?> body) {
            StagesSection section = new StagesSection(script);
            run(body, section);
            stages = section.stages;
        }

        public void failFast(boolean value) {
            failFast = value;
        }

        public void post(Closure<?> body) {
            post = PostSection.read(body, script);
        }
    }

    /** {@code when}: every condition listed must hold (Declarative's implicit allOf). */
    static final class WhenSection {
        private final PipelineScript script;
        private final List<PipelineModel.Condition> conditions = new ArrayList<>();

        WhenSection(PipelineScript script) {
            this.script = script;
        }

        PipelineModel.Condition allOf() {
            List<PipelineModel.Condition> all = List.copyOf(conditions);
            return s -> {
                for (PipelineModel.Condition c : all) {
                    if (!c.test(s)) {
                        return false;
                    }
                }
                return true;
            };
        }

        PipelineModel.Condition anyOfConditions() {
            List<PipelineModel.Condition> any = List.copyOf(conditions);
            return s -> {
                for (PipelineModel.Condition c : any) {
                    if (c.test(s)) {
                        return true;
                    }
                }
                return false;
            };
        }

        public void expression(Closure<?> body) {
            conditions.add(s -> DefaultTypeTransformation.castToBoolean(s.runBody(body)));
        }

        /** {@code branch 'main'} or {@code branch 'release/*'}: matches {@code env.BRANCH_NAME} (Ant-style glob). */
        public void branch(String pattern) {
            Pattern regex = Pattern.compile(pattern.replace(".", "\\.").replace("**", "\u0000").replace("*", "[^/]*")
                    .replace("\u0000", ".*").replace("?", "."));
            conditions.add(s -> {
                Object branch = s.getEnv().getProperty("BRANCH_NAME");
                return branch != null && regex.matcher(branch.toString()).matches();
            });
        }

        public void environment(Map<String, Object> args) {
            Object name = args.get("name");
            Object value = args.get("value");
            conditions.add(s -> {
                Object actual = s.getEnv().getProperty(String.valueOf(name));
                return actual != null && actual.toString().equals(String.valueOf(value));
            });
        }

        public void not(Closure<?> body) {
            WhenSection inner = nested(body);
            PipelineModel.Condition c = inner.allOf();
            conditions.add(s -> !c.test(s));
        }

        public void allOf(Closure<?> body) {
            conditions.add(nested(body).allOf());
        }

        public void anyOf(Closure<?> body) {
            conditions.add(nested(body).anyOfConditions());
        }

        /** Accepted: the harness evaluates {@code when} before entering the agent anyway. */
        public void beforeAgent(boolean value) {
        }

        private WhenSection nested(Closure<?> body) {
            WhenSection inner = new WhenSection(script);
            run(body, inner);
            return inner;
        }
    }

    static final class PostSection {
        private final PipelineScript script;
        private final Map<String, Closure<?>> blocks = new LinkedHashMap<>();

        private PostSection(PipelineScript script) {
            this.script = script;
        }

        static Map<String, Closure<?>> read(Closure<?> body, PipelineScript script) {
            PostSection section = new PostSection(script);
            run(body, section);
            return section.blocks;
        }

        public void always(Closure<?> body) {
            add("always", body);
        }

        public void aborted(Closure<?> body) {
            add("aborted", body);
        }

        public void failure(Closure<?> body) {
            add("failure", body);
        }

        public void success(Closure<?> body) {
            add("success", body);
        }

        public void unstable(Closure<?> body) {
            add("unstable", body);
        }

        public void unsuccessful(Closure<?> body) {
            add("unsuccessful", body);
        }

        public void cleanup(Closure<?> body) {
            add("cleanup", body);
        }

        private void add(String condition, Closure<?> body) {
            if (blocks.putIfAbsent(condition, body) != null) {
                throw new JenkinsfileException("post at " + script.where() + ": " + condition + " given twice");
            }
        }
    }

    /**
     * {@code environment { NAME = 'value' }}: assignments are collected in order; a name read back gives the value
     * assigned before it, else falls through to the script ({@code params}, {@code env}, build variables).
     */
    static final class EnvironmentSection extends GroovyObjectSupport {
        final Map<String, String> values = new LinkedHashMap<>();

        @Override
        public void setProperty(String name, Object value) {
            if (!Pattern.matches("[A-Za-z_][A-Za-z0-9_]*", name)) {
                throw new JenkinsfileException("environment: '" + name + "' is not a variable name");
            }
            values.put(name, value == null ? null : value.toString());
        }

        @Override
        public Object getProperty(String name) {
            if (values.containsKey(name)) {
                return values.get(name);
            }
            throw new MissingPropertyException(name, EnvironmentSection.class);
        }
    }

    /** Evaluates an {@code environment} block now, in the current frame. */
    static Map<String, String> evaluate(Closure<?> environment) {
        EnvironmentSection section = new EnvironmentSection();
        if (environment != null) {
            run(environment, section);
        }
        return section.values;
    }
}
