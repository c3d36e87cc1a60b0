package io.jenkins.plugins.mlpipeline.models;

import hudson.Extension;
import hudson.model.RootAction;
import jenkins.model.Jenkins;

/** The global "Models" page at {@code /ml-models}: every model, its versions, aliases and alias history. */
@Extension
public class ModelsRootAction implements RootAction {

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

    /** Read by the page; needs Overall/Read. */
    public ModelsPage getPage() {
        Jenkins.get().checkPermission(Jenkins.READ);
        ModelServices services = ModelServices.get();
        return ModelsPage.read(services.registry(), services.artifacts(), null);
    }
}
