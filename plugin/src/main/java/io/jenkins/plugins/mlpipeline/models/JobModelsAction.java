package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Action;

/** A job's "Models" page: the versions that job's builds registered. Shown within the job, so Job/Read applies. */
public class JobModelsAction implements Action {

    private final String jobFullName;

    JobModelsAction(String jobFullName) {
        this.jobFullName = jobFullName;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Models";
    }

    @Override
    public String getUrlName() {
        return ModelServices.REGISTRY_DIR;
    }

    public String getJobFullName() {
        return jobFullName;
    }

    public ModelsPage getPage() {
        ModelServices services = ModelServices.get();
        return ModelsPage.read(services.registry(), services.artifacts(), jobFullName);
    }
}
