package io.jenkins.plugins.mlpipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlpipeline.outputs.CollectedOutputs;
import io.jenkins.plugins.mlpipeline.outputs.OutputFile;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputVerdictTest {

    private static final CollectedOutputs FILES = new CollectedOutputs(
            List.of(new OutputFile("model.bin", 3, "a".repeat(64))), 3, Map.of(), Optional.empty());
    private static final Optional<OutputCollection.Outcome> COLLECTED =
            Optional.of(new OutputCollection.Outcome.Collected(FILES));

    @Test
    void successWithCollectedOutputsReturnsThem() {
        OutputVerdict v = OutputVerdict.decide(RunVerdict.succeeded("done"), COLLECTED);
        assertThat(v.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(v.outputs()).isSameAs(FILES);
    }

    @Test
    void aSidecarFailureAfterCollectionDoesNotTurnTheSuccessIntoAFailure() {
        OutputVerdict v = OutputVerdict.decide(RunVerdict.failed("BackoffLimitExceeded", "pod failed"), COLLECTED);
        assertThat(v.verdict().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(v.verdict().message()).contains("outputs were collected", "BackoffLimitExceeded");
        assertThat(v.outputs()).isSameAs(FILES);
    }

    @Test
    void rejectedOutputsFailTheRunWithTheExtractorsMessage() {
        OutputVerdict v = OutputVerdict.decide(RunVerdict.succeeded("done"), Optional.of(
                new OutputCollection.Outcome.Failed("OutputsRejected", "entry '../x' escapes")));
        assertThat(v.verdict().phase()).isEqualTo(RunPhase.FAILED);
        assertThat(v.verdict().reason()).isEqualTo("OutputsRejected");
        assertThat(v.verdict().message()).isEqualTo("entry '../x' escapes");
        assertThat(v.outputs()).isNull();
    }

    @Test
    void successWithoutAnyCollectionIsOutputsLost() {
        OutputVerdict v = OutputVerdict.decide(RunVerdict.succeeded("done"), Optional.empty());
        assertThat(v.verdict().reason()).isEqualTo("OutputsLost");
    }

    @Test
    void failuresAndCancellationsAreKept() {
        RunVerdict failed = RunVerdict.failed("OOMKilled", "out of memory");
        assertThat(OutputVerdict.decide(failed, Optional.empty()).verdict()).isSameAs(failed);
        RunVerdict cancelled = RunVerdict.cancelled("Deleted", "gone");
        assertThat(OutputVerdict.decide(cancelled, COLLECTED).verdict()).isSameAs(cancelled);
        assertThat(OutputVerdict.decide(cancelled, COLLECTED).outputs()).isNull();
    }
}
