package io.jenkins.plugins.mlpipeline.models;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.registry.ModelRegistry;
import io.jenkins.plugins.mlpipeline.steps.DirectoryBuildArtifacts;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/** A JENKINS_HOME in a temp directory, mock builds, a directory workspace and recording Jenkins seams. */
final class ModelTestKit implements AutoCloseable {

    final Path home;
    final ModelRegistry registry;
    final DirectoryBuildArtifacts artifacts;
    final RecordingKeeper keeper = new RecordingKeeper();
    /** What mlArtifact fingerprinted: model version -> (file path -> MD5). */
    final Map<String, Map<String, String>> fingerprinted = new ConcurrentHashMap<>();
    private final ModelFingerprints fingerprints = (run, version, md5) -> {
        Map<String, String> files = new java.util.TreeMap<>();
        md5.forEach((file, hash) -> files.put(file.path(), hash));
        fingerprinted.put(version.model() + "#" + version.version(), files);
    };
    final ExecutorService blocking = Executors.newCachedThreadPool();
    volatile PromotionCheck promotions = (run, model, alias) -> { };
    volatile Workspace workspace;
    private final ModelServices previous;

    ModelTestKit(Path home) {
        this.home = home;
        this.registry = new ModelRegistry(home.resolve("ml-models"));
        this.artifacts = new DirectoryBuildArtifacts(home.resolve("artifacts"));
        ModelServices services = new ModelServices(registry, artifacts, blocking,
                run -> "https://ci.example.com/" + run.getUrl(), keeper,
                (run, model, alias) -> promotions.check(run, model, alias), context -> workspace,
                run -> "alice", fingerprints);
        previous = ModelServices.install(services);
    }

    Run<?, ?> build(String job, int number) {
        Run<?, ?> run = mock(Run.class);
        String id = job + "#" + number;
        when(run.getExternalizableId()).thenReturn(id);
        when(run.getNumber()).thenReturn(number);
        when(run.getUrl()).thenReturn("job/" + job.replace("/", "/job/") + "/" + number + "/");
        artifacts.builds.put(id, run);
        return run;
    }

    /** Starts the step as Pipeline would and waits for its outcome. */
    Outcome run(Step step, Run<?, ?> run) throws Exception {
        Context context = new Context(run);
        StepExecution execution = step.start(context);
        try {
            if (execution.start()) {
                throw new AssertionError("model steps complete asynchronously");
            }
        } catch (Exception e) {
            context.outcome.completeExceptionally(e);
        }
        return new Outcome(context, execution);
    }

    @Override
    public void close() throws IOException {
        blocking.shutdownNow();
        ModelServices.install(previous);
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Outcome(Context context, StepExecution execution) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result() throws Exception {
            try {
                return (Map<String, Object>) context.outcome.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("step failed: " + e.getCause() + "\n" + context.log(), e.getCause());
            }
        }

        Throwable failure() throws Exception {
            try {
                Object r = context.outcome.get(20, TimeUnit.SECONDS);
                throw new AssertionError("expected a failure, got " + r);
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    static final class Context extends StepContext {
        private static final long serialVersionUID = 1L;
        final transient Run<?, ?> run;
        final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
        final transient TaskListener listener;
        final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

        Context(Run<?, ?> run) {
            this.run = run;
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            this.listener = () -> out;
        }

        String log() {
            synchronized (log) {
                return log.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public <T> T get(Class<T> key) {
            if (key == Run.class) {
                return key.cast(run);
            }
            if (key == TaskListener.class) {
                return key.cast(listener);
            }
            return null;
        }

        @Override
        public void onSuccess(Object result) {
            outcome.complete(result);
        }

        @Override
        public void onFailure(Throwable t) {
            outcome.completeExceptionally(t);
        }

        @Override
        public boolean isReady() {
            return outcome.isDone();
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return Futures.immediateFuture(null);
        }

        @Override
        public void setResult(Result r) {
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Each build's artifacts in a directory; removing a build from {@link #builds} plays a deleted build. */
    /** A workspace directory on the local disk. */
    static final class DirWorkspace implements Workspace {
        final Path root;

        DirWorkspace(Path root) {
            this.root = root;
        }

        @Override
        public List<String> glob(String antGlob) throws IOException {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + antGlob);
            List<String> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).map(root::relativize).filter(matcher::matches)
                        .forEach(p -> paths.add(p.toString().replace('\\', '/')));
            }
            Collections.sort(paths);
            return paths;
        }

        @Override
        public InputStream read(String path) throws IOException {
            return Files.newInputStream(root.resolve(path));
        }

        @Override
        public OutputStream write(String path) throws IOException {
            Files.createDirectories(root.resolve(path).getParent());
            return Files.newOutputStream(root.resolve(path));
        }

        @Override
        public void delete(String path) throws IOException {
            Files.deleteIfExists(root.resolve(path));
        }
    }

    /** Plays Run.keepLog: remembers which builds are kept and who asked. */
    static final class RecordingKeeper implements BuildKeeper {
        final Set<String> kept = ConcurrentHashMap.newKeySet();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean keep(String buildId) {
            calls.add("keep " + buildId);
            return kept.add(buildId);
        }

        @Override
        public void release(String buildId) {
            calls.add("release " + buildId);
            kept.remove(buildId);
        }
    }
}
