package io.jenkins.plugins.mlpipeline.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerScriptTest {

    @Test
    void fileStepsKeepTheirOrderAndWaitForSignalIsAnEnding() {
        ContainerScript script = ContainerScript.create().writeFile("/out/a", "a").log("written")
                .writeFile("/out/b", 3).waitForSignal();

        assertThat(script.steps()).containsExactly(
                new ContainerScript.WriteFile("/out/a", new ContainerScript.Text("a")),
                new ContainerScript.Output("written", false),
                new ContainerScript.WriteFile("/out/b", new ContainerScript.Zeros(3)));
        assertThat(script.ending()).isEqualTo(new ContainerScript.WaitForSignal());
    }

    @Test
    void filePathsMustBeAbsoluteAndPlain() {
        for (String bad : new String[] {"out/a", "/", "/out/../a", "/out/./a", "/out//a", "/out/"}) {
            assertThatThrownBy(() -> ContainerScript.create().writeFile(bad, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("absolute file path inside the container")
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }

    @Test
    void hostFileMustExistAndSizeMustNotBeNegative() {
        assertThatThrownBy(() -> ContainerScript.create().writeFile("/out/a", Path.of("/no/such/host/file")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/no/such/host/file");
        assertThatThrownBy(() -> ContainerScript.create().writeFile("/out/a", -1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size >= 0, was -1");
    }

    @Test
    void nothingFollowsWaitForSignal() {
        assertThatThrownBy(() -> ContainerScript.create().waitForSignal().writeFile("/out/a", "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WaitForSignal");
    }
}
