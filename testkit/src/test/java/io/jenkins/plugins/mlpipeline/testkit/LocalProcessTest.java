package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.conditionTypes;
import static io.jenkins.plugins.mlpipeline.testkit.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

class LocalProcessTest {

    private ClusterEmulator emu;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        emu = ClusterEmulator.builder().build();
        client = emu.client();
        emu.script("local:1", ContainerScript.localProcess());
    }

    @AfterEach
    void stop() {
        assertThat(emu.simulationErrors()).isEmpty();
        emu.close();
    }

    @Test
    void runsTheCommandWithArgsAndEnvWithoutAShellAndReportsItsOutputAndExitCode() {
        create("py", List.of("python3", "-c"), List.of(
                "import os, sys\nprint('hello ' + os.environ['GREETING'] + ' ' + sys.argv[1])\n"
                        + "print('to stderr', file=sys.stderr)\nsys.exit(3)",
                "$NOT_EXPANDED"));

        await().atMost(Duration.ofSeconds(15)).until(() -> conditionTypes(TestJobs.get(client, "py"))
                .contains("Failed"));

        Pod pod = emu.pods("default", "py").get(0);
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
        assertThat(client.pods().withName(pod.getMetadata().getName()).getLog().lines().toList())
                .containsExactlyInAnyOrder("hello there $NOT_EXPANDED", "to stderr");
    }

    @Test
    void deletingThePodStopsTheProcess() {
        create("sleeper", List.of("python3", "-c"), List.of(
                "import time\nprint('started', flush=True)\ntime.sleep(60)"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !emu.pods("default", "sleeper").isEmpty());
        String pod = emu.pods("default", "sleeper").get(0).getMetadata().getName();
        await().atMost(Duration.ofSeconds(15)).until(() -> "started\n".equals(logOf(pod)));
        CapturedPods seen = CapturedPods.watch(client, pod);

        client.pods().withName(pod).delete();

        await().atMost(Duration.ofSeconds(15)).until(() -> client.pods().withName(pod).get() == null);
        ContainerStateTerminated terminated = seen.last().getStatus().getContainerStatuses().get(0).getState()
                .getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(143);
        seen.close();
    }

    @Test
    void missingExecutableIsAStartError() {
        create("missing", List.of("no-such-binary-anywhere"), List.of());

        await().atMost(Duration.ofSeconds(15)).until(() -> conditionTypes(TestJobs.get(client, "missing"))
                .contains("Failed"));

        ContainerStateTerminated terminated = emu.pods("default", "missing").get(0).getStatus()
                .getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getReason()).isEqualTo("StartError");
        assertThat(terminated.getExitCode()).isEqualTo(128);
        assertThat(terminated.getMessage()).contains("\"no-such-binary-anywhere\": executable file not found");
    }

    @Test
    void emptyDirMountPathsInArgsAndEnvPointAtThePodVolume() throws Exception {
        emu.script(OutputsPods.SIDECAR_IMAGE, OutputsPods.sidecar());
        String script = String.join("\n",
                "import os, sys",
                "open(os.path.join(sys.argv[1].split('=', 1)[1], 'flag.txt'), 'w').write('flag')",
                "open(sys.argv[2], 'w').write('direct')",
                "os.makedirs(os.environ['OUT'])",
                "open(os.path.join(os.environ['OUT'], 'env.txt'), 'w').write('env')",
                "print(sys.argv[3])",
                "print(sys.argv[4])");
        Job job = OutputsPods.job("local-out", "local:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .withCommand("python3", "-c", script)
                .withArgs("--output_dir=" + OutputsPods.MOUNT, OutputsPods.MOUNT + "/direct.txt",
                        OutputsPods.MOUNT + "X", "--other=relative" + OutputsPods.MOUNT)
                .addNewEnv().withName("OUT").withValue(OutputsPods.MOUNT + "/env").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().resource(job).create();
        String pod = OutputsPods.awaitMainTerminated(emu, "local-out");
        assertThat(OutputsPods.state(client.pods().withName(pod).get(), "main").getTerminated().getExitCode())
                .as("log: %s", client.pods().withName(pod).inContainer("main").getLog()).isZero();

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().withName(pod).inContainer(OutputsPods.SIDECAR).writingOutput(tar)
                .exec(OutputsPods.TAR.toArray(String[]::new))) {
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isZero();
        }

        assertThat(OutputsPods.entries(tar.toByteArray())).containsExactly(entry("./", null),
                entry("./direct.txt", "direct"), entry("./env/", null), entry("./env/env.txt", "env"),
                entry("./flag.txt", "flag"));
        assertThat(client.pods().withName(pod).inContainer("main").getLog().lines().toList())
                .as("a mount path inside a longer word or after a relative prefix stays as it is")
                .containsExactly(OutputsPods.MOUNT + "X", "--other=relative" + OutputsPods.MOUNT);
    }

    @Test
    void theImageEntrypointRunsWhenTheContainerGivesNoCommandAndACommandReplacesIt() {
        emu.script("entry:1", ContainerScript.localProcess(List.of("echo", "from-entrypoint")));
        Job noCommand = job("entry", "entry:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .withCommand().withArgs("--lr=0.1").endContainer().endSpec().endTemplate().endSpec().build();
        Job withCommand = job("command", "entry:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .withCommand("echo", "from-command").withArgs("--lr=0.2").endContainer().endSpec().endTemplate()
                .endSpec().build();
        client.batch().v1().jobs().resource(noCommand).create();
        client.batch().v1().jobs().resource(withCommand).create();

        await().atMost(Duration.ofSeconds(15)).until(() -> conditionTypes(TestJobs.get(client, "entry"))
                .contains("Complete") && conditionTypes(TestJobs.get(client, "command")).contains("Complete"));

        assertThat(logOf(emu.pods("default", "entry").get(0).getMetadata().getName()))
                .isEqualTo("from-entrypoint --lr=0.1\n");
        assertThat(logOf(emu.pods("default", "command").get(0).getMetadata().getName()))
                .isEqualTo("from-command --lr=0.2\n");
    }

    @Test
    void anEmptyEntrypointIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContainerScript.localProcess(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty entrypoint");
    }

    private void create(String name, List<String> command, List<String> args) {
        Job job = job(name, "local:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .withCommand(command).withArgs(args).addNewEnv().withName("GREETING").withValue("there").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().resource(job).create();
    }

    private String logOf(String pod) {
        try {
            return client.pods().withName(pod).getLog();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
