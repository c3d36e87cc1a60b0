package io.jenkins.plugins.mlpipeline.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Cause;
import hudson.model.Run;
import org.junit.jupiter.api.Test;

class StartedByTest {

    @Test
    void theUserComesFromTheBuildsUserCause() {
        Run<?, ?> byAlice = mock(Run.class);
        when(byAlice.getCause(Cause.UserIdCause.class)).thenReturn(new Cause.UserIdCause("alice"));
        assertThat(ModelServices.startedBy(byAlice)).isEqualTo("alice");

        Run<?, ?> byTimer = mock(Run.class);
        assertThat(ModelServices.startedBy(byTimer)).as("no user cause: timer, SCM, upstream").isNull();
    }
}
