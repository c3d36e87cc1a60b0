package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Run;
import io.jenkins.plugins.mlpipeline.registry.ModelFile;
import io.jenkins.plugins.mlpipeline.registry.ModelVersion;
import java.io.IOException;
import java.util.Map;

/**
 * Records each registered model file as a Jenkins fingerprint (keyed by MD5, as Jenkins fingerprints are) with a
 * {@link ModelVersionFacet}, so the fingerprint pages show which model version a file is and every build that used
 * it, across jobs.
 */
public interface ModelFingerprints {

    /**
     * @param registeringBuild the build that ran mlArtifact
     * @param md5              MD5 (32 hex) of each of the version's files
     */
    void record(Run<?, ?> registeringBuild, ModelVersion version, Map<ModelFile, String> md5) throws IOException;
}
