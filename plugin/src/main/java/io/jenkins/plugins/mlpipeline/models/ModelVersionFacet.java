package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Fingerprint;
import jenkins.model.FingerprintFacet;

/** On a fingerprint: "this file is version N of model M". Persisted with the fingerprint. */
public class ModelVersionFacet extends FingerprintFacet {

    private final String model;
    private final int version;

    public ModelVersionFacet(Fingerprint fingerprint, long timestamp, String model, int version) {
        super(fingerprint, timestamp);
        this.model = model;
        this.version = version;
    }

    public String getModel() {
        return model;
    }

    public int getVersion() {
        return version;
    }
}
