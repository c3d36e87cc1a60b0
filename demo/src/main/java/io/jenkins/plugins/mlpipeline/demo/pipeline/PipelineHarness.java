package io.jenkins.plugins.mlpipeline.demo.pipeline;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.mlpipeline.cloud.CloudAccess;
import io.jenkins.plugins.mlpipeline.cloud.EngineRegistry;
import io.jenkins.plugins.mlpipeline.config.PipelineDefaults;
import io.jenkins.plugins.mlpipeline.engine.EngineSettings;
import io.jenkins.plugins.mlpipeline.logs.LogFollowSettings;
import io.jenkins.plugins.mlpipeline.models.BuildKeeper;
import io.jenkins.plugins.mlpipeline.models.ModelServices;
import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import io.jenkins.plugins.mlpipeline.registry.ModelRegistry;
import io.jenkins.plugins.mlpipeline.status.ClassifierSettings;
import io.jenkins.plugins.mlpipeline.steps.StepServices;
import io.jenkins.plugins.mlpipeline.testkit.ClusterEmulator;
import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import io.jenkins.plugins.mlpipeline.track.TrackerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * A Jenkinsfile test harness, NOT Jenkins: it evaluates a Jenkinsfile with Groovy, implementing only the Pipeline
 * syntax the examples in {@code examples/} use, and runs the ML steps through the plugin's real Step classes
 * against a {@link ClusterEmulator}. It plays the parts of Jenkins the steps need: one Kubernetes cloud
 * ({@value #CLOUD}) with the pod template {@value #GPU_TEMPLATE}, the global settings, builds with directories and
 * artifacts under {@code home}, and {@code $JENKINS_HOME} for the model registry and the run cache (so both persist
 * across harnesses on the same home). No sandbox, no CPS (nothing survives a restart), no agents (a node is a local
 * directory).
 *
 * <p>It installs the step services process-wide ({@link StepServices#install}, {@link ModelServices#install}); one
 * harness at a time.
 */
public final class PipelineHarness implements AutoCloseable {

    static {
        // The emulator's client must not pick up a kubeconfig of the machine running the tests.
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    public static final String CLOUD = "kubernetes";
    public static final String NAMESPACE = "ml";
    public static final String OUTPUTS_IMAGE = PipelineDefaults.BUILT_IN_OUTPUTS_IMAGE;
    public static final String GPU_TEMPLATE = "gpu-training";
    /** The administrator's GPU pod template: GPU nodes only, tolerating their taint. */
    public static final String GPU_TEMPLATE_YAML = String.join("\n",
            "apiVersion: v1",
            "kind: Pod",
            "spec:",
            "  nodeSelector:",
            "    accelerator: nvidia",
            "  tolerations:",
            "  - key: nvidia.com/gpu",
            "    operator: Exists",
            "    effect: NoSchedule",
            "");
    /** Where the builds' URLs point; nothing listens there. */
    public static final String JENKINS_URL = "http://localhost:8080/";

    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern BUILD_ID = Pattern.compile("(.+)#([0-9]+)");

    private final ClusterEmulator emu;
    private final Path home;
    private final PrintStream console;
    private final EngineRegistry engines;
    private final StepServices services;
    private final StepServices previousSteps;
    private final ModelServices previousModels;
    private final ModelRegistry registry;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(StepServices.daemon("pipeline-harness-timer"));
    private final Map<String, HarnessRun> runs = new ConcurrentHashMap<>();
    private final Map<String, HarnessJob> jobs = new ConcurrentHashMap<>();
    private final Set<Path> busyWorkspaces = new HashSet<>();

    /**
     * @param emu     the cluster; the harness scripts the output sidecar image in it
     * @param home    plays $JENKINS_HOME: jobs/, workspace/, ml-models/ and the run cache
     * @param console where build logs are copied live, or null
     */
    public PipelineHarness(ClusterEmulator emu, Path home, PrintStream console) throws IOException {
        this.emu = emu;
        this.home = Files.createDirectories(home.toAbsolutePath());
        this.console = console;
        emu.script(OUTPUTS_IMAGE, ContainerScript.create().waitForSignal());
        CloudAccess clouds = new HarnessCloudAccess(CLOUD, NAMESPACE, emu::client, Map.of(GPU_TEMPLATE,
                new CloudAccess.PodTemplateInfo(GPU_TEMPLATE, null, GPU_TEMPLATE_YAML)));
        engines = new EngineRegistry(clouds, PipelineHarness::engineSettings);
        // Short limits a developer can wait for, long enough for a real (small) training run on a busy laptop.
        PipelineDefaults defaults = new PipelineDefaults(CLOUD, NAMESPACE, Duration.ofHours(1), Duration.ofSeconds(20),
                Duration.ofSeconds(30), null, true, OUTPUTS_IMAGE, OutputLimits.DEFAULT);
        services = new StepServices(clouds, engines, () -> defaults, this::buildUrl,
                Executors.newCachedThreadPool(StepServices.daemon("pipeline-harness-step")),
                Executors.newSingleThreadScheduledExecutor(StepServices.daemon("pipeline-harness-step-timer")),
                Duration.ofSeconds(1), Duration.ofSeconds(30), new DirectoryBuildArtifacts(this::findBuild),
                this.home);
        registry = new ModelRegistry(this.home.resolve(ModelServices.REGISTRY_DIR));
        ModelServices models = new ModelServices(registry, services.artifacts(), services.blocking(), this::buildUrl,
                new RunKeeper(), (run, model, alias) -> { }, context -> context instanceof HarnessStepContext h
                        ? h.workspace() : null, PipelineHarness::startedBy, (run, version, md5) -> { });
        previousSteps = StepServices.install(services);
        previousModels = ModelServices.install(models);
    }

    /** An emulated cluster fit for the examples: a GPU node (label accelerator=nvidia) and a CPU node. */
    public static ClusterEmulator.Builder exampleCluster() {
        return ClusterEmulator.builder()
                .node("gpu-node-1", Map.of("cpu", "8", "memory", "32Gi", "nvidia.com/gpu", "1"),
                        Map.of("accelerator", "nvidia"))
                .node("cpu-node-1", Map.of("cpu", "16", "memory", "64Gi"), Map.of())
                .podFailureBackoff(Duration.ofSeconds(1));
    }

    private static EngineSettings engineSettings(ClassifierSettings classifier) {
        TrackerSettings tracker = TrackerSettings.defaults().withTick(Duration.ofMillis(200))
                .withProbeInterval(Duration.ofSeconds(5)).withClassifier(classifier)
                .withApiUnavailableLimit(Duration.ofMinutes(1)).withClientRefreshMinInterval(Duration.ofSeconds(1));
        LogFollowSettings logs = new LogFollowSettings(64 * 1024, Duration.ofMillis(100), Duration.ofSeconds(2), 50, 3);
        return new EngineSettings(tracker, logs, Duration.ofSeconds(2), Duration.ofSeconds(20), 20);
    }

    /** Runs the Jenkinsfile at {@code file} as a build of {@code job}; named in messages by its path. */
    public BuildResult run(String job, Path file, BuildOptions options) throws IOException {
        return run(job, file.toString(), Files.readString(file, StandardCharsets.UTF_8), options);
    }

    /** Runs a Jenkinsfile as the next build of {@code job} and returns once the build has finished. */
    public BuildResult run(String job, String scriptName, String jenkinsfile, BuildOptions options)
            throws IOException {
        HarnessRun run = newRun(job, options.startedBy());
        BuildLog log = new BuildLog(console);
        BuildState build = new BuildState(this, run, log, options, scriptName);
        setBuildVariables(build, options);
        log.line(options.startedBy() != null ? "Started by user " + options.startedBy() : "Started by timer");
        log.line("[Pipeline] Start of Pipeline (" + scriptName + ", evaluated by the ML Pipeline test harness)");
        Frame frame = new Frame(build, build.rootScope(), null, Map.of(), null);
        build.lock().acquire();
        try {
            Script script = compile(jenkinsfile);
            frame.enter(script::run);
        } catch (Throwable t) {
            build.worsen(DeclarativeRunner.resultOf(t));
            report(build, t);
        } finally {
            build.lock().release();
        }
        log.line("[Pipeline] End of Pipeline");
        Result result = build.currentResult();
        log.line("Finished: " + result);
        run.finish(result);
        return new BuildResult(run, result, log.text(), build.displayName(), build.description(), build.cronTriggers(),
                Map.copyOf(build.params()), build.trainingRuns());
    }

    private void setBuildVariables(BuildState build, BuildOptions options) {
        HarnessRun run = build.run();
        String job = run.getParent().getFullName();
        build.putEnv("JOB_NAME", job);
        build.putEnv("JOB_BASE_NAME", job);
        build.putEnv("BUILD_NUMBER", String.valueOf(run.getNumber()));
        build.putEnv("BUILD_ID", String.valueOf(run.getNumber()));
        build.putEnv("BUILD_TAG", "jenkins-" + job + "-" + run.getNumber());
        build.putEnv("BUILD_URL", buildUrl(run));
        build.putEnv("JENKINS_URL", JENKINS_URL);
        build.putEnv("GIT_COMMIT", options.gitCommit());
        build.putEnv("BRANCH_NAME", options.branch());
    }

    private static Script compile(String jenkinsfile) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(PipelineScript.class.getName());
        GroovyShell shell = new GroovyShell(PipelineHarness.class.getClassLoader(), new Binding(), config);
        return shell.parse(new GroovyCodeSource(jenkinsfile, PipelineScript.SCRIPT_CLASS, "/groovy/shell"));
    }

    /** The end of a failed build's log, worded as Pipeline words it. */
    private static void report(BuildState build, Throwable t) {
        BuildLog log = build.log();
        if (t instanceof FlowInterruptedException fie) {
            fie.getCauses().forEach(cause -> log.line(cause.getShortDescription()));
        } else if (t instanceof MultipleCompilationErrorsException) {
            log.line("ERROR: " + t.getMessage().replace(PipelineScript.SCRIPT_CLASS + ": ", build.scriptName() + ": "));
        } else if (t instanceof AbortException || t instanceof JenkinsfileException) {
            log.line("ERROR: " + t.getMessage());
        } else {
            int line = JenkinsfileException.lineOf(t, PipelineScript.SCRIPT_CLASS);
            log.line("ERROR: " + t + (line > 0 ? " (" + build.scriptName() + " line " + line + ")" : ""));
        }
    }

    private synchronized HarnessRun newRun(String job, String startedBy) throws IOException {
        if (!JOB_NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("job name '" + job + "': use letters, digits, '.', '_' and '-'");
        }
        Path builds = home.resolve("jobs").resolve(job).resolve("builds");
        Files.createDirectories(builds);
        int last = 0;
        try (Stream<Path> dirs = Files.list(builds)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.matches("[0-9]{1,9}")) {
                    last = Math.max(last, Integer.parseInt(name));
                }
            }
        }
        int number = last + 1;
        Path dir = Files.createDirectories(builds.resolve(String.valueOf(number)));
        HarnessRun run = new HarnessRun(jobs.computeIfAbsent(job, HarnessJob::new), number, dir.toFile(), startedBy);
        runs.put(run.getExternalizableId(), run);
        return run;
    }

    /**
     * A build by id {@code job#n}: one of this harness, or one an earlier harness on the same home left on disk
     * (the run cache and the registry refer to those), or null.
     */
    public Run<?, ?> findBuild(String id) {
        HarnessRun known = runs.get(id);
        if (known != null) {
            return known;
        }
        Matcher m = BUILD_ID.matcher(id == null ? "" : id);
        if (!m.matches() || !JOB_NAME.matcher(m.group(1)).matches()) {
            return null;
        }
        Path dir = home.resolve("jobs").resolve(m.group(1)).resolve("builds").resolve(m.group(2));
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            HarnessRun restored = new HarnessRun(jobs.computeIfAbsent(m.group(1), HarnessJob::new),
                    Integer.parseInt(m.group(2)), dir.toFile(), null);
            restored.finish(null);
            return runs.computeIfAbsent(id, k -> restored);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** The directory holding a build's archived artifacts. */
    public Path archiveOf(Run<?, ?> run) {
        return DirectoryBuildArtifacts.archiveOf(run);
    }

    public ModelRegistry registry() {
        return registry;
    }

    public Path home() {
        return home;
    }

    public ClusterEmulator cluster() {
        return emu;
    }

    String buildUrl(Run<?, ?> run) {
        return JENKINS_URL + run.getUrl();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** {@code workspace/<job>}, or {@code <job>@2} ... while the first is in use, as Jenkins names them. */
    synchronized DirectoryWorkspace allocateWorkspace(String job) throws IOException {
        for (int i = 1; ; i++) {
            Path dir = home.resolve("workspace").resolve(i == 1 ? job : job + "@" + i);
            if (busyWorkspaces.add(dir)) {
                return new DirectoryWorkspace(Files.createDirectories(dir));
            }
        }
    }

    synchronized void releaseWorkspace(DirectoryWorkspace ws) {
        busyWorkspaces.remove(ws.root());
    }

    private static String startedBy(Run<?, ?> run) {
        hudson.model.Cause.UserIdCause cause = run.getCause(hudson.model.Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }

    /** Plays "Keep this build forever" on the harness' builds. */
    private final class RunKeeper implements BuildKeeper {
        @Override
        public boolean keep(String buildId) throws IOException {
            Run<?, ?> run = findBuild(buildId);
            if (run == null || run.isKeepLog()) {
                return false;
            }
            run.keepLog(true);
            return true;
        }

        @Override
        public void release(String buildId) throws IOException {
            Run<?, ?> run = findBuild(buildId);
            if (run != null) {
                run.keepLog(false);
            }
        }
    }

    /** Stops following runs (Jobs still running keep running in the emulator) and puts the previous services back. */
    @Override
    public void close() {
        engines.close();
        services.blocking().shutdownNow();
        services.scheduler().shutdownNow();
        timer.shutdownNow();
        StepServices.install(previousSteps);
        ModelServices.install(previousModels);
    }

    /** Every build this harness ran or found, for reports. */
    public List<HarnessRun> builds() {
        return runs.values().stream().sorted(java.util.Comparator.comparing(HarnessRun::getExternalizableId)).toList();
    }
}
