package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodYamlLayersTest {

    private static final String TEMPLATE = """
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {team: ml}
            spec:
              priorityClassName: batch-low
              containers:
              - name: main
                workingDir: /work
              volumes:
              - name: cache
                hostPath: {path: /var/cache/ml}
            """;

    @Test
    void userYamlLiesOverTheTemplate() {
        String yaml = PodYamlLayers.combine(TEMPLATE, """
                spec:
                  priorityClassName: batch-high
                  schedulerName: gang
                  containers:
                  - name: main
                    workingDir: /elsewhere
                    securityContext: {runAsNonRoot: true}
                    volumeMounts:
                    - {name: cache, mountPath: /cache}
                """, true);
        PodTemplateSpec spec = TrainingSpec.builder().image("trainer:1").podTemplateYaml(yaml).build()
                .getPodTemplate().orElseThrow();
        // The administrator's settings win; what only the user sets is kept.
        assertThat(spec.getSpec().getPriorityClassName()).isEqualTo("batch-low");
        assertThat(spec.getSpec().getSchedulerName()).isEqualTo("gang");
        assertThat(spec.getSpec().getContainers().get(0).getWorkingDir()).isEqualTo("/work");
        assertThat(spec.getSpec().getContainers().get(0).getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(spec.getSpec().getContainers().get(0).getVolumeMounts()).hasSize(1);
        assertThat(spec.getMetadata().getLabels()).containsEntry("team", "ml");
    }

    @Test
    void eitherAloneOrNeither() {
        assertThat(PodYamlLayers.combine(null, " ", true)).isNull();
        assertThat(PodYamlLayers.combine(TEMPLATE, null, true)).contains("batch-low");
        assertThat(PodYamlLayers.combine(null, "priorityClassName: x", true)).contains("priorityClassName: \"x\"");
    }

    @Test
    void problemsNameTheFieldTheUserWrote() {
        assertThatThrownBy(() -> PodYamlLayers.combine("containers: [", "spec: {nodeNme: a}", false))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> {
                    List<String> problems = ((SpecValidationException) e).getProblems();
                    assertThat(problems).hasSize(2);
                    assertThat(problems.get(0)).startsWith("podTemplate: is not valid YAML");
                    assertThat(problems.get(1)).startsWith("podYaml: unknown field 'spec.nodeNme'");
                });
    }

    @Test
    void restrictedSecurityAppliesToTheUserYamlOnly() {
        String privileged = """
                containers:
                - name: main
                  securityContext: {privileged: true}
                """;
        assertThatThrownBy(() -> PodYamlLayers.combine(null, privileged, true))
                .hasMessageContaining("podYaml: spec.containers[0] ('main').securityContext.privileged: true is not"
                        + " allowed");
        assertThat(PodYamlLayers.combine(null, privileged, false)).contains("privileged: true");
        // The administrator's template may do it; then the user may too.
        assertThat(PodYamlLayers.combine(privileged, privileged, true)).contains("privileged: true");
    }

    @Test
    void imagesOfThePodYamlIncludeEveryKindOfContainer() {
        assertThat(PodYamlLayers.images("""
                containers: [{name: side, image: 'a:1'}, {name: main}]
                initContainers: [{name: init, image: 'b:2'}]
                ephemeralContainers: [{name: debug, image: 'c:3'}]
                """)).containsExactly("a:1", "b:2", "c:3");
        assertThat(PodYamlLayers.images(null)).isEmpty();
        assertThat(PodYamlLayers.images("containers: [")).as("unparseable: combine() reports it").isEmpty();
    }
}
