package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Fingerprint;
import hudson.model.FingerprintMap;
import hudson.model.Run;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.mlpipeline.artifacts.BuildArtifacts;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/** {@link ModelFingerprints} in Jenkins' fingerprint database. */
final class JenkinsModelFingerprints implements ModelFingerprints {

    private final BuildArtifacts artifacts;

    JenkinsModelFingerprints(BuildArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    @Override
    public void record(Run<?, ?> registeringBuild, ModelVersion version, Map<ModelFile, String> md5)
            throws IOException {
        FingerprintMap fingerprints = Jenkins.get().getFingerprintMap();
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Map.Entry<ModelFile, String> e : md5.entrySet()) {
            ModelFile file = e.getKey();
            // The build whose artifacts hold the file is the fingerprint's origin; null if it is gone.
            Run<?, ?> origin = file.buildId() == null ? null : artifacts.findBuild(file.buildId());
            Fingerprint fingerprint = fingerprints.getOrCreate(origin, file.path(), e.getValue());
            if (fingerprint == null) {
                continue; // not a 32-hex MD5: Jenkins refuses it
            }
            fingerprint.addFor(registeringBuild);
            // Fingerprint has no add(facet): the facets collection is the persisted list itself.
            fingerprint.getFacets().add(new ModelVersionFacet(fingerprint, System.currentTimeMillis(),
                    version.model(), version.version()));
            fingerprint.save();
            recorded.put(file.path(), e.getValue());
        }
        if (recorded.isEmpty()) {
            return;
        }
        Fingerprinter.FingerprintAction action = registeringBuild.getAction(Fingerprinter.FingerprintAction.class);
        if (action == null) {
            registeringBuild.addAction(new Fingerprinter.FingerprintAction(registeringBuild, recorded));
        } else {
            action.add(recorded);
        }
    }
}
