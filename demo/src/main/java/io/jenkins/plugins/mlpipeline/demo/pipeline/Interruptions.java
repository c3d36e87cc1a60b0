package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.model.Result;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/** The causes with which the harness aborts a body, worded as Pipeline's console shows them. */
final class Interruptions {

    private Interruptions() {
    }

    static FlowInterruptedException aborted(String description) {
        return new FlowInterruptedException(Result.ABORTED, true, new Described(description));
    }

    static FlowInterruptedException rejected(String user) {
        return aborted("Rejected by " + user);
    }

    static FlowInterruptedException timeout(String duration) {
        return aborted("Timeout has been exceeded (" + duration + ")");
    }

    static FlowInterruptedException failFast(String branch) {
        return aborted("Failed in branch " + branch);
    }

    private static final class Described extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;
        private final String description;

        Described(String description) {
            this.description = description;
        }

        @Override
        public String getShortDescription() {
            return description;
        }
    }
}
