package io.jenkins.plugins.mlpipeline.models;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the "Models" page to every job. */
@Extension
@SuppressWarnings("rawtypes")
public class JobModelsActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return JobModelsAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return List.of(new JobModelsAction(target.getFullName()));
    }
}
