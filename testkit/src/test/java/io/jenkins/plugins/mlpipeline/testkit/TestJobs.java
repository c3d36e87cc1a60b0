package io.jenkins.plugins.mlpipeline.testkit;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.stream.Collectors;

/** Small helpers shared by the emulator tests. */
final class TestJobs {

    private TestJobs() {
    }

    /** A single-pod Job running {@code image} with restartPolicy Never. */
    static JobBuilder job(String name, String image) {
        return new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage(image).endContainer()
                .endSpec()
                .endTemplate()
                .endSpec();
    }

    static Job get(KubernetesClient client, String name) {
        return client.batch().v1().jobs().withName(name).get();
    }

    static List<String> conditionTypes(Job job) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return List.of();
        }
        return job.getStatus().getConditions().stream().map(JobCondition::getType).collect(Collectors.toList());
    }

    static JobCondition condition(Job job, String type) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElse(null);
    }
}
