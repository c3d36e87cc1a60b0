package io.jenkins.plugins.mlpipeline.launch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.jenkins.plugins.mlpipeline.JobLabels;

import java.util.List;
import java.util.Map;

final class LaunchFixtures {

    private LaunchFixtures() {
    }

    /** A Job shaped like the renderer's output, without depending on it. */
    static Job rendered(String name, String runId) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace("ml")
                .withLabels(Map.of(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE))
                .withAnnotations(Map.of(JobLabels.RUN_ID, runId))
                .withFinalizers(List.of(JobLabels.OUTCOME_FINALIZER))
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().addNewContainer().withName("main")
                .withImage("trainer:1").endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec()
                .build();
    }
}
