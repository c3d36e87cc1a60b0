package io.jenkins.plugins.mlpipeline.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The registry steps' blocking work (workspace, artifacts, other builds) runs as the build that started the step,
 * not as the anonymous user of a bare pool thread.
 */
class ModelStepsAuthTest {

    private static final Authentication ALICE = new UsernamePasswordAuthenticationToken("alice", "secret");

    @TempDir
    Path tmp;
    private ModelTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ModelTestKit(Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void tearDown() throws Exception {
        kit.close();
    }

    /** A workspace with no files that records who looked into it. */
    private AtomicReference<Authentication> workspaceSeenAs() throws Exception {
        AtomicReference<Authentication> seen = new AtomicReference<>();
        Workspace workspace = mock(Workspace.class);
        when(workspace.glob(anyString())).thenAnswer(inv -> {
            seen.set(Jenkins.getAuthentication2());
            return List.of();
        });
        kit.workspace = workspace;
        return seen;
    }

    private static MlArtifactStep archiveFiles() {
        MlArtifactStep step = new MlArtifactStep("churn");
        step.setFiles("out/*.pt");
        return step;
    }

    @Test
    void workRunsAsTheAuthenticationTheStepWasStartedWith() throws Exception {
        AtomicReference<Authentication> seen = workspaceSeenAs();
        Run<?, ?> build = kit.build("team/train", 3);
        ModelTestKit.Outcome outcome;
        try (ACLContext ignored = ACL.as2(ALICE)) {
            outcome = kit.run(archiveFiles(), build);
        }
        assertThat(outcome.failure()).isInstanceOf(AbortException.class)
                .hasMessageContaining("'out/*.pt' matches no file");
        assertThat(seen.get()).isSameAs(ALICE);
    }

    @Test
    void aStepStartedWithoutAnAuthenticationRunsAsAnonymousNotAsAnEarlierStepsUser() throws Exception {
        AtomicReference<Authentication> seen = workspaceSeenAs();
        try (ACLContext ignored = ACL.as2(ALICE)) {
            kit.run(archiveFiles(), kit.build("team/train", 4)).failure();
        }
        // The pool's threads are reused: the next step must not inherit alice from the previous one.
        kit.run(archiveFiles(), kit.build("team/train", 5)).failure();
        assertThat(seen.get()).isInstanceOf(AnonymousAuthenticationToken.class);
    }
}
