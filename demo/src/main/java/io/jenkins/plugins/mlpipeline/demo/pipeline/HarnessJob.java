package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.model.Job;

/** A Pipeline job of the harness: a name and nothing else (builds live in {@link PipelineHarness}). */
public final class HarnessJob extends Job<HarnessJob, HarnessRun> {

    public HarnessJob(String name) {
        super(null, name);
    }
}
