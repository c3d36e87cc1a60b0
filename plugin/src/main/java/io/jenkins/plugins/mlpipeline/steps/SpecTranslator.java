package io.jenkins.plugins.mlpipeline.steps;

import io.jenkins.plugins.mlpipeline.spec.DurationText;
import io.jenkins.plugins.mlpipeline.spec.PodYamlLayers;
import io.jenkins.plugins.mlpipeline.spec.TolerationMaps;
import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import java.time.Duration;

/** Turns mlTrain's arguments into the engine's {@link TrainingSpec}; all checking happens in the spec. */
final class SpecTranslator {

    private SpecTranslator() {
    }

    /**
     * @param defaultTimeout used when the step gives no timeout
     * @param templateYaml   the administrator's pod template YAML, or null
     * @param restricted     whether the step's podYaml must pass restricted pod security
     * @param outputsImage   the output sidecar's image, used when the step has outputs
     * @throws IllegalArgumentException (often a SpecValidationException) naming each bad field
     */
    static TrainingSpec translate(MlTrainStep step, Duration defaultTimeout, String templateYaml, boolean restricted,
                                  String outputsImage) {
        Duration deadline = step.getTimeout() == null ? defaultTimeout : DurationText.parse("timeout", step.getTimeout());
        return TrainingSpec.builder()
                .name(step.getName())
                .image(step.getImage())
                .command(step.getCommand())
                .args(step.getArgs())
                .params(step.getParams())
                .env(step.getEnv())
                .secretEnvRefs(step.getSecretEnv())
                .resources(step.getResources())
                .nodeSelector(step.getNodeSelector())
                .tolerations(TolerationMaps.fromMaps(step.getTolerations()))
                .serviceAccount(step.getServiceAccount())
                .imagePullSecrets(step.getImagePullSecrets())
                .deadline(deadline)
                .retries(step.getRetries())
                .podTemplateYaml(PodYamlLayers.combine(templateYaml, step.getPodYaml(), restricted))
                .outputs(step.getOutputs())
                .outputsImage(step.getOutputs() == null ? null : outputsImage)
                .build();
    }
}
