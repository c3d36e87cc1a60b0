package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTemplateYamlTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void readsAWholePodAndKeepsOnlyLabelsAndAnnotationsOfItsMetadata() {
        PodTemplateSpec template = PodTemplateYaml.parse(String.join("\n",
                "apiVersion: v1",
                "kind: Pod",
                "metadata:",
                "  name: ignored",
                "  namespace: ignored",
                "  finalizers: [x/y]",
                "  labels: {team: vision}",
                "  annotations: {note: hello}",
                "spec:",
                "  priorityClassName: batch-low",
                "  containers:",
                "  - name: main",
                "    workingDir: /work",
                "status:",
                "  phase: Running"), problems);
        assertThat(problems).isEmpty();
        assertThat(template.getMetadata().getLabels()).containsExactly(entry("team", "vision"));
        assertThat(template.getMetadata().getAnnotations()).containsExactly(entry("note", "hello"));
        assertThat(template.getMetadata().getName()).isNull();
        assertThat(template.getMetadata().getNamespace()).isNull();
        assertThat(template.getMetadata().getFinalizers()).isEmpty();
        assertThat(template.getSpec().getPriorityClassName()).isEqualTo("batch-low");
        assertThat(template.getSpec().getContainers().get(0).getWorkingDir()).isEqualTo("/work");
    }

    @Test
    void readsAPodTemplateSpec() {
        PodTemplateSpec template = PodTemplateYaml.parse(String.join("\n",
                "metadata:",
                "  labels: {team: vision}",
                "spec:",
                "  schedulerName: gang"), problems);
        assertThat(problems).isEmpty();
        assertThat(template.getMetadata().getLabels()).containsEntry("team", "vision");
        assertThat(template.getSpec().getSchedulerName()).isEqualTo("gang");
    }

    @Test
    void readsAPodTemplateObject() {
        PodTemplateSpec template = PodTemplateYaml.parse(String.join("\n",
                "apiVersion: v1",
                "kind: PodTemplate",
                "metadata: {name: gpu-defaults}",
                "template:",
                "  spec:",
                "    runtimeClassName: nvidia"), problems);
        assertThat(problems).isEmpty();
        assertThat(template.getSpec().getRuntimeClassName()).isEqualTo("nvidia");
    }

    @Test
    void readsABarePodSpec() {
        PodTemplateSpec template = PodTemplateYaml.parse(String.join("\n",
                "securityContext: {runAsNonRoot: true}",
                "tolerations:",
                "- {key: gpu, operator: Exists}"), problems);
        assertThat(problems).isEmpty();
        assertThat(template.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(template.getSpec().getTolerations()).hasSize(1);
        assertThat(template.getMetadata()).isNull();
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertThat(PodTemplateYaml.parse("spec:\n  containers: [\n    - name: x\n", problems)).isNull();
        assertThat(problems).singleElement().asString()
                .startsWith("podTemplateYaml: is not valid YAML at line 3, column 5: expected the node content")
                .contains("while parsing a flow node that starts at line 3, column 5");
    }

    @Test
    void reportsTheLineOfABadIndentation() {
        PodTemplateYaml.parse("spec:\n  containers:\n  - name: a\n   image: b\n", problems);
        assertThat(problems).singleElement().asString().contains("not valid YAML at line 4");
    }

    @Test
    void refusesEmptyAndNonMappingDocuments() {
        assertThat(PodTemplateYaml.parse("", problems)).isNull();
        assertThat(PodTemplateYaml.parse("- a\n- b\n", problems)).isNull();
        assertThat(PodTemplateYaml.parse("just text", problems)).isNull();
        assertThat(problems).satisfiesExactly(
                p -> assertThat(p).isEqualTo("podTemplateYaml: is empty; give a Pod, a PodTemplateSpec (metadata"
                        + " and spec) or a bare PodSpec"),
                p -> assertThat(p).contains("must be a YAML mapping", "got a array"),
                p -> assertThat(p).contains("must be a YAML mapping", "got a string"));
    }

    @Test
    void refusesOtherKinds() {
        assertThat(PodTemplateYaml.parse("kind: Deployment\nspec: {}\n", problems)).isNull();
        assertThat(problems).singleElement().asString()
                .contains("kind 'Deployment' is not supported", "a Pod, a PodTemplateSpec");
    }

    @Test
    void refusesUnknownFieldsWithTheirPath() {
        assertThat(PodTemplateYaml.parse(String.join("\n",
                "kind: Pod",
                "spec:",
                "  nodeSelectr: {disk: ssd}",
                "  containers:",
                "  - name: main",
                "    imagee: x",
                "    securityContext: {runAsUser: 1000, privilegd: true}"), problems)).isNull();
        assertThat(problems).containsExactlyInAnyOrder(
                "podTemplateYaml: unknown field 'spec.nodeSelectr'; check its spelling against the Kubernetes Pod"
                        + " API (field names are case-sensitive)",
                "podTemplateYaml: unknown field 'spec.containers[0].imagee'; check its spelling against the"
                        + " Kubernetes Pod API (field names are case-sensitive)",
                "podTemplateYaml: unknown field 'spec.containers[0].securityContext.privilegd'; check its spelling"
                        + " against the Kubernetes Pod API (field names are case-sensitive)");
    }

    @Test
    void unknownFieldsOfABarePodSpecAreNamedRelativeToTheDocument() {
        PodTemplateYaml.parse("containers:\n- name: main\n  workdir: /x\n", problems);
        assertThat(problems).singleElement().asString().contains("unknown field 'containers[0].workdir'");
    }

    @Test
    void reportsValuesOfTheWrongTypeWithTheirPath() {
        assertThat(PodTemplateYaml.parse("spec:\n  containers: not-a-list\n", problems)).isNull();
        assertThat(problems).singleElement().asString()
                .startsWith("podTemplateYaml: does not match the Kubernetes Pod API at 'spec.containers'");
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
