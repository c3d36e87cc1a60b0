package io.jenkins.plugins.mlpipeline.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.spec.KubernetesNames;
import io.jenkins.plugins.mlpipeline.spec.Resources;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link TrainingSpec} into the batch/v1 Job the engine creates. Only what the spec asks for is
 * rendered, plus the engine's own contract: the name from {@link JobNames}, the labels, annotations and finalizer
 * of {@link JobLabels}, restart policy {@code Never} (retries are the Job's {@code backoffLimit}, counted per pod)
 * and the container name {@link JobLabels#MAIN_CONTAINER}. Neither user labels (refused by spec validation) nor the
 * admin pod template can override these.
 *
 * <p>Labels and annotations go on the Job and on its pod template: the tracker selects pods by label, and many
 * annotations (a service-mesh opt-out, an autoscaler hint) only act on pods.
 */
public final class JobRenderer {

    static final String RESTART_POLICY = "Never";

    /**
     * @throws IllegalArgumentException if {@code namespace} is not a valid namespace name
     */
    public Job render(TrainingSpec spec, RunIdentity identity, String namespace) {
        KubernetesNames.checkDns1123Label("namespace", namespace).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Map<String, String> labels = labels(spec, identity);
        Map<String, String> annotations = annotations(spec, identity);
        PodTemplateSpec own = ownPodTemplate(spec, labels, annotations);
        PodTemplateSpec pod = spec.getPodTemplate()
                .map(adminTemplate -> PodTemplateMerger.merge(adminTemplate, own))
                .orElse(own);
        enforceOwnFields(pod, labels, annotations);

        JobBuilder job = new JobBuilder()
                .withNewMetadata()
                    .withName(JobNames.jobName(identity, spec.getName().orElse(null)))
                    .withNamespace(namespace)
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .withFinalizers(JobLabels.OUTCOME_FINALIZER)
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(spec.getRetries())
                    .withTemplate(pod)
                .endSpec();
        spec.getDeadline().ifPresent(deadline -> job.editSpec().withActiveDeadlineSeconds(deadline.getSeconds())
                .endSpec());
        spec.getTtlAfterFinished().ifPresent(ttl -> job.editSpec()
                .withTtlSecondsAfterFinished(Math.toIntExact(ttl.getSeconds())).endSpec());
        return job.build();
    }

    private static Map<String, String> labels(TrainingSpec spec, RunIdentity identity) {
        Map<String, String> labels = new LinkedHashMap<>(spec.getLabels());
        labels.put(JobLabels.MANAGED_BY, JobLabels.MANAGED_BY_VALUE);
        labels.put(JobLabels.RUN_HASH, JobNames.runHash(identity.getId()));
        return labels;
    }

    private static Map<String, String> annotations(TrainingSpec spec, RunIdentity identity) {
        Map<String, String> annotations = new LinkedHashMap<>(spec.getAnnotations());
        annotations.put(JobLabels.RUN_ID, identity.getId());
        identity.getBuildUrl().ifPresent(url -> annotations.put(JobLabels.BUILD_URL, url));
        identity.getGitCommit().ifPresent(commit -> annotations.put(JobLabels.GIT_COMMIT, commit));
        return annotations;
    }

    private static PodTemplateSpec ownPodTemplate(TrainingSpec spec, Map<String, String> labels,
            Map<String, String> annotations) {
        PodSpecBuilder pod = new PodSpecBuilder()
                .withRestartPolicy(RESTART_POLICY)
                .withContainers(mainContainer(spec))
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withVolumes(spec.getVolumes());
        spec.getOutputs().ifPresent(path -> {
            pod.addNewVolume().withName(JobLabels.OUTPUTS_VOLUME).withNewEmptyDir().endEmptyDir().endVolume();
            pod.addToContainers(OutputSidecar.container(spec.getOutputsImage().orElseThrow(), path));
        });
        spec.getAffinity().ifPresent(pod::withAffinity);
        spec.getServiceAccount().ifPresent(pod::withServiceAccountName);
        for (String secret : spec.getImagePullSecrets()) {
            pod.addToImagePullSecrets(new LocalObjectReference(secret));
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .withSpec(pod.build())
                .build();
    }

    private static Container mainContainer(TrainingSpec spec) {
        List<String> args = new ArrayList<>(spec.getArgs());
        // The user's own args keep Kubernetes' $(VAR) expansion; params are data and must arrive verbatim.
        spec.getParamArgs().forEach(param -> args.add(KubeletExpansion.escape(param)));
        return new ContainerBuilder()
                .withName(JobLabels.MAIN_CONTAINER)
                .withImage(spec.getImage())
                .withCommand(spec.getCommand())
                .withArgs(args)
                .withEnv(env(spec))
                .withResources(resources(spec.getResources()))
                .withVolumeMounts(spec.getVolumeMounts())
                .addAllToVolumeMounts(spec.getOutputs().map(OutputSidecar::mount).stream().toList())
                .build();
    }

    private static List<EnvVar> env(TrainingSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        spec.getEnv().forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        spec.getSecretEnv().forEach((name, ref) -> env.add(new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                    .withNewSecretKeyRef().withName(ref.getSecretName()).withKey(ref.getKey()).endSecretKeyRef()
                .endValueFrom()
                .build()));
        return env;
    }

    /**
     * Every resource goes to requests and limits alike: extended resources such as GPUs must have equal values,
     * and equal CPU and memory make the pod Guaranteed, so a long training run is the last to be evicted.
     */
    private static ResourceRequirements resources(Map<String, String> resources) {
        if (resources.isEmpty()) {
            return null;
        }
        ResourceRequirementsBuilder requirements = new ResourceRequirementsBuilder();
        resources.forEach((name, quantity) -> {
            String canonical = Resources.canonicalName(name);
            requirements.addToRequests(canonical, new Quantity(quantity));
            requirements.addToLimits(canonical, new Quantity(quantity));
        });
        return requirements.build();
    }

    /** After the merge, our fields win whatever the admin template said. */
    private static void enforceOwnFields(PodTemplateSpec pod, Map<String, String> labels,
            Map<String, String> annotations) {
        pod.getMetadata().getLabels().putAll(labels);
        pod.getMetadata().getAnnotations().putAll(annotations);
        pod.getSpec().setRestartPolicy(RESTART_POLICY);
    }
}
