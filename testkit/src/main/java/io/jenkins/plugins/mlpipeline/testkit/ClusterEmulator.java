package io.jenkins.plugins.mlpipeline.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.internal.MockServerExpectationImpl;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ApiDispatcher;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ApiServer;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Deletions;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.FaultInjector;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.IndexedCrudDispatcher;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.JobLabels;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ObjectStore;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.RequestStats;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.ResourceKind;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.WatchRegistry;
import io.jenkins.plugins.mlpipeline.testkit.exec.ExecEndpoint;
import io.jenkins.plugins.mlpipeline.testkit.logs.ContainerLogs;
import io.jenkins.plugins.mlpipeline.testkit.logs.LogEndpoint;
import io.jenkins.plugins.mlpipeline.testkit.sim.ContainerRuntime;
import io.jenkins.plugins.mlpipeline.testkit.sim.ImageBehaviours;
import io.jenkins.plugins.mlpipeline.testkit.sim.NodeSpec;
import io.jenkins.plugins.mlpipeline.testkit.sim.Simulation;
import io.jenkins.plugins.mlpipeline.testkit.sim.SimulationSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes cluster for tests: fabric8's CRUD mock API server (indexed, with real deletion, admission, watch
 * expiry and a streaming pod log endpoint) plus a simulated scheduler, Job controller, garbage collector and
 * kubelets whose containers follow {@link ContainerScript}s. See {@code testkit/README.md}.
 *
 * <pre>{@code
 * try (ClusterEmulator emu = ClusterEmulator.builder().podFailureBackoff(Duration.ofMillis(200)).build()) {
 *     emu.script("trainer:1", ContainerScript.create().log("hello").exit(0));
 *     KubernetesClient client = emu.client();
 *     ...
 * }
 * }</pre>
 */
public final class ClusterEmulator implements AutoCloseable {

    /** Token the shared client sends; faults can reject it like any other. */
    public static final String DEFAULT_TOKEN = "cluster-emulator-token";
    public static final String NAMESPACE = "default";

    // Held strongly: java.util.logging forgets the level of loggers nobody references.
    private static final Logger MOCK_SERVER_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final ObjectStore store;
    private final RequestStats stats = new RequestStats();
    private final FaultInjector faults;
    private final ImageBehaviours images;
    private final ContainerRuntime runtime;
    private final ExecEndpoint exec;
    private final Simulation simulation;
    private final ApiServer server;
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    private final KubernetesClient sharedClient;

    private ClusterEmulator(Builder builder) {
        MOCK_SERVER_LOGGER.setLevel(Level.WARNING);
        Clock clock = Clock.systemUTC();
        IndexedCrudDispatcher crud = new IndexedCrudDispatcher();
        this.store = new ObjectStore(crud, clock);
        this.expectations = new HashMap<>();
        Deletions deletions = new Deletions(store);
        ContainerLogs logs = new ContainerLogs(clock);
        LogEndpoint logEndpoint = new LogEndpoint(store, logs, clock);
        WatchRegistry watches = new WatchRegistry(store, crud);
        this.runtime = new ContainerRuntime();
        this.exec = new ExecEndpoint(store, runtime);
        this.faults = new FaultInjector(clock, watches, logEndpoint::dropFollowers, exec::dropSessions);
        this.images = new ImageBehaviours(builder.defaultRunTime);
        SimulationSettings settings = new SimulationSettings(builder.podFailureBackoff, builder.imagePullBackoff,
                builder.terminationTime, builder.defaultRunTime);
        seedCluster(builder.nodes.isEmpty() ? List.of(Builder.DEFAULT_NODE) : builder.nodes);
        this.simulation = new Simulation(store, deletions, logs, images, settings, runtime);
        ApiDispatcher dispatcher = new ApiDispatcher(expectations, crud, store, deletions, watches);
        this.server = new ApiServer(dispatcher, stats, faults, logEndpoint, exec);
        expect().get().withPath("/version").andReturn(200, Map.of("major", "1", "minor", "31",
                "gitVersion", "v1.31.0", "platform", "linux/amd64")).always();
        this.sharedClient = newClient(DEFAULT_TOKEN);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The shared client (OkHttp transport, namespace {@code default}, no kubeconfig). Closed with the emulator. */
    public KubernetesClient client() {
        return sharedClient;
    }

    /** A new client sending {@code Authorization: Bearer <token>}. Closed with the emulator. */
    public KubernetesClient newClient(String token) {
        Config config = config();
        config.setOauthToken(Objects.requireNonNull(token, "token"));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new OkHttpClientFactory()).build();
        clients.add(client);
        return client;
    }

    /** A fresh client configuration for this cluster (a new object each call). */
    public Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(server.url())
                .withNamespace(NAMESPACE)
                .withOauthToken(DEFAULT_TOKEN)
                .withTrustCerts(true)
                .withHttp2Disable(true)
                .build();
    }

    /** Base URL of the API server, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return server.url();
    }

    /** What containers running {@code image} do, whatever the attempt. */
    public void script(String image, ContainerScript script) {
        Objects.requireNonNull(script, "script");
        images.script(image, attempt -> script);
    }

    /** What containers running {@code image} do, per attempt (0-based index of the pod within its Job). */
    public void script(String image, IntFunction<ContainerScript> byAttempt) {
        images.script(image, Objects.requireNonNull(byAttempt, "byAttempt"));
    }

    /** Every pull of {@code image} fails: waiting {@code reason} (e.g. ErrImagePull) with {@code message}. */
    public void failPull(String image, String reason, String message) {
        images.failPull(image, Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(message, "message"));
    }

    public Faults faults() {
        return faults;
    }

    /** Kubelet node-pressure eviction of a running pod with the given message. */
    public void evict(String namespace, String pod, String message) {
        simulation.evict(namespace, pod, message);
    }

    /** Scheduler preemption of a running pod (DisruptionTarget PreemptionByScheduler, then deletion). */
    public void preempt(String namespace, String pod) {
        simulation.preempt(namespace, pod);
    }

    /** Freezes scheduler, controllers and kubelets (the API server keeps answering). */
    public void pauseControllers() {
        simulation.pause();
    }

    public void resumeControllers() {
        simulation.resume();
    }

    /** HTTP requests the API server has received. */
    public long requestCount() {
        return stats.total();
    }

    /** HTTP requests with this method whose URI (path and query) starts with {@code uriPrefix}. */
    public long requestCount(String method, String uriPrefix) {
        return stats.count(method, uriPrefix);
    }

    /**
     * Execs served from the simulated containers so far (websockets opened by the emulator's exec endpoint; execs
     * answered by {@link #expect()} expectations are not counted).
     */
    public long execCount() {
        return exec.sessionCount();
    }

    /**
     * The host directory holding an {@code emptyDir} volume of a pod, while the pod exists and its kubelet has set
     * it up (from the pod's start until the pod is removed from the API). Empty for unknown pods and volumes, and for
     * volumes of other kinds.
     */
    public Optional<Path> podVolumeDir(String namespace, String pod, String volumeName) {
        Pod found = store.get(ResourceKind.PODS, namespace, pod);
        return found == null ? Optional.empty() : runtime.volumeDir(found.getMetadata().getUid(), volumeName);
    }

    /** Pods of a Job (by the {@code batch.kubernetes.io/job-name} label), oldest first. */
    public List<Pod> pods(String namespace, String jobName) {
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : store.list(ResourceKind.PODS, namespace)) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && jobName.equals(labels.get(JobLabels.JOB_NAME))) {
                pods.add(pod);
            }
        }
        return pods;
    }

    /** Recorded expectations answered before the CRUD store (as in fabric8's mixed mode), e.g. for exec. */
    public MockServerExpectation expect() {
        return new MockServerExpectationImpl(expectations, new Context(new ObjectMapper()));
    }

    /** Waits until the simulation has handled the changes made so far (timers still to come excepted). */
    public void awaitSimulationIdle() {
        simulation.awaitIdle(Duration.ofSeconds(10));
    }

    /** Failures inside the simulation (emulator bugs); tests may assert this stays empty. */
    public List<Throwable> simulationErrors() {
        return simulation.errors();
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        exec.close();
        simulation.close();
        server.close();
    }

    private void seedCluster(List<NodeSpec> nodes) {
        store.create(ResourceKind.NAMESPACES, new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .endMetadata().withNewStatus().withPhase("Active").endStatus().build());
        int index = 0;
        for (NodeSpec spec : nodes) {
            store.create(ResourceKind.NODES, node(spec, index++));
        }
    }

    private static Node node(NodeSpec spec, int index) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", spec.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.putAll(spec.labels());
        Map<String, Quantity> allocatable = new LinkedHashMap<>();
        allocatable.put("pods", new Quantity("110"));
        spec.allocatable().forEach((name, amount) -> allocatable.put(name, new Quantity(amount)));
        return new NodeBuilder()
                .withApiVersion("v1").withKind("Node")
                .withNewMetadata().withName(spec.name()).withLabels(labels).endMetadata()
                .withNewStatus()
                .withCapacity(allocatable).withAllocatable(allocatable)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").endCondition()
                .addNewAddress().withType("InternalIP").withAddress("10.0.0." + (index + 10)).endAddress()
                .addNewAddress().withType("Hostname").withAddress(spec.name()).endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.31.0").withContainerRuntimeVersion("containerd://1.7.22")
                .withOperatingSystem("linux").withArchitecture("amd64").endNodeInfo()
                .endStatus()
                .build();
    }

    /** Configures and starts a {@link ClusterEmulator}. */
    public static final class Builder {

        static final NodeSpec DEFAULT_NODE = new NodeSpec("node-1", Map.of("cpu", "8", "memory", "32Gi"), Map.of());

        private final List<NodeSpec> nodes = new ArrayList<>();
        private Duration podFailureBackoff = Duration.ofSeconds(10);
        private Duration imagePullBackoff = Duration.ofSeconds(1);
        private Duration terminationTime = Duration.ofMillis(100);
        private Duration defaultRunTime = Duration.ofMillis(100);

        private Builder() {
        }

        /** Adds a node (repeatable). Without any, the cluster has node-1 with cpu 8 and memory 32Gi. */
        public Builder node(String name, Map<String, String> allocatable, Map<String, String> labels) {
            nodes.add(new NodeSpec(Objects.requireNonNull(name, "name"), allocatable, labels));
            return this;
        }

        /** Delay before a failed Job pod is re-created, doubling per failure (real: 10 s, capped at 10 min). */
        public Builder podFailureBackoff(Duration delay) {
            this.podFailureBackoff = positive(delay, "podFailureBackoff");
            return this;
        }

        /** Period of the ErrImagePull / ImagePullBackOff alternation. Default 1 s. */
        public Builder imagePullBackoff(Duration period) {
            this.imagePullBackoff = positive(period, "imagePullBackoff");
            return this;
        }

        /** How long a container takes to stop after its pod is deleted (SIGTERM to exit). Default 100 ms. */
        public Builder terminationTime(Duration time) {
            this.terminationTime = notNegative(time, "terminationTime");
            return this;
        }

        /** How long a container of an image without a script runs before exiting 0. Default 100 ms. */
        public Builder defaultRunTime(Duration time) {
            this.defaultRunTime = notNegative(time, "defaultRunTime");
            return this;
        }

        public ClusterEmulator build() {
            return new ClusterEmulator(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
            }
            return duration;
        }

        private static Duration notNegative(Duration duration, String name) {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be a duration >= 0, was " + duration);
            }
            return duration;
        }
    }
}
