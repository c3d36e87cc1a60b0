package io.jenkins.plugins.mlpipeline.engine;

import io.jenkins.plugins.mlpipeline.outputs.CollectedOutputs;
import io.jenkins.plugins.mlpipeline.status.RunPhase;
import io.jenkins.plugins.mlpipeline.status.RunVerdict;

import java.util.Optional;

/**
 * The final verdict of a run with outputs. The main container decides, never the sidecar: outputs are only collected
 * after the main container ended successfully, so a collection that succeeded makes the run a success even if the
 * Job failed afterwards (a sidecar that crashed, a deadline reached while collecting); a Job that completed without
 * its outputs fails, because the pipeline asked for files it would not get.
 *
 * @param outputs the collected files to return, or null
 */
record OutputVerdict(RunVerdict verdict, CollectedOutputs outputs) {

    static OutputVerdict decide(RunVerdict verdict, Optional<OutputCollection.Outcome> outcome) {
        if (verdict.phase() != RunPhase.SUCCEEDED && verdict.phase() != RunPhase.FAILED) {
            return new OutputVerdict(verdict, null);
        }
        if (outcome.isPresent() && outcome.get() instanceof OutputCollection.Outcome.Collected collected) {
            RunVerdict v = verdict.phase() == RunPhase.SUCCEEDED ? verdict
                    : RunVerdict.succeeded("the main container succeeded and its outputs were collected; the Job"
                            + " ended afterwards with " + verdict.reason() + " (" + verdict.message() + ")");
            return new OutputVerdict(v, collected.outputs());
        }
        if (verdict.phase() == RunPhase.FAILED) {
            return new OutputVerdict(verdict, null);
        }
        if (outcome.isPresent() && outcome.get() instanceof OutputCollection.Outcome.Failed failed) {
            return new OutputVerdict(RunVerdict.failed(failed.reason(), failed.message()), null);
        }
        return new OutputVerdict(RunVerdict.failed("OutputsLost", "the run succeeded but its outputs were never"
                + " collected: the output sidecar had ended before Jenkins could copy them (was it stopped by"
                + " someone else?)"), null);
    }
}
