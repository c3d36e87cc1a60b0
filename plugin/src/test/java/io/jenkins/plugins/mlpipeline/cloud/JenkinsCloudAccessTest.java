package io.jenkins.plugins.mlpipeline.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.slaves.Cloud;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import hudson.model.Hudson;
import jenkins.model.Jenkins;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesFolderProperty;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplateUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The Jenkins side of cloud access, with Jenkins and the Kubernetes plugin mocked. */
class JenkinsCloudAccessTest {

    private MockedStatic<Jenkins> jenkinsStatic;
    private final Jenkins jenkins = mock(Jenkins.class);
    private final KubernetesCloud cloud = mock(KubernetesCloud.class);
    private final Run<?, ?> run = mock(Run.class);
    private final CloudAccess access = new JenkinsCloudAccess();

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void setUp() {
        jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
        when(jenkins.getCloud("k8s")).thenReturn(cloud);
        cloud.name = "k8s";
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("team/train");
        when(job.getParent()).thenReturn(mock(ItemGroup.class));
        when(((Run) run).getParent()).thenReturn(job);
    }

    @AfterEach
    void tearDown() {
        jenkinsStatic.close();
    }

    /** Jenkins.clouds is a final field: give the mocked Jenkins a cloud list the way Jenkins holds one. */
    private void configuredClouds(KubernetesCloud firstKubernetesCloud) throws Exception {
        Hudson.CloudList clouds = mock(Hudson.CloudList.class);
        when(clouds.get(KubernetesCloud.class)).thenReturn(firstKubernetesCloud);
        java.lang.reflect.Field field = Jenkins.class.getField("clouds");
        field.setAccessible(true);
        field.set(jenkins, clouds);
    }

    @Test
    void namedCloudOrTheFirstKubernetesCloud() throws Exception {
        configuredClouds(cloud);
        assertThat(access.resolveCloud("k8s", run)).isEqualTo("k8s");
        assertThat(access.resolveCloud(null, run)).isEqualTo("k8s");
        assertThat(access.resolveCloud("  ", run)).isEqualTo("k8s");
    }

    @Test
    void noKubernetesCloudAtAllIsSaid() throws Exception {
        configuredClouds(null);
        assertThatThrownBy(() -> access.resolveCloud(null, run)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("cloud: no Kubernetes cloud is configured");
    }

    @Test
    void missingOrWrongKindOfCloudIsNamed() {
        when(jenkins.getCloud("other")).thenReturn(mock(Cloud.class));
        assertThatThrownBy(() -> access.resolveCloud("nope", run)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("cloud: there is no cloud named 'nope'");
        assertThatThrownBy(() -> access.resolveCloud("other", run)).hasMessage("cloud: 'other' is not a Kubernetes"
                + " cloud");
    }

    @Test
    void restrictedCloudNeedsTheFolderToAllowIt() throws Exception {
        when(cloud.isUsageRestricted()).thenReturn(true);
        try (MockedStatic<KubernetesFolderProperty> folders = mockStatic(KubernetesFolderProperty.class)) {
            assertThatThrownBy(() -> access.resolveCloud("k8s", run))
                    .hasMessageContaining("'k8s' is restricted and not allowed for team/train");
            folders.when(() -> KubernetesFolderProperty.collectAllowedClouds(any(), any())).thenAnswer(inv -> {
                Set<String> allowed = inv.getArgument(0);
                allowed.add("k8s");
                return null;
            });
            assertThat(access.resolveCloud("k8s", run)).isEqualTo("k8s");
        }
    }

    @Test
    void podTemplateByNameWithItsYamlAndNamespace() throws Exception {
        PodTemplate template = mock(PodTemplate.class);
        when(cloud.getAllTemplates()).thenReturn(List.of(template));
        when(cloud.getUnwrappedTemplate(template)).thenReturn(template);
        when(template.getNamespace()).thenReturn("gpu-team");
        when(template.getYamlsPod()).thenReturn(new PodBuilder().withNewSpec().withPriorityClassName("low").endSpec()
                .build());
        try (MockedStatic<PodTemplateUtils> utils = mockStatic(PodTemplateUtils.class)) {
            utils.when(() -> PodTemplateUtils.getTemplateByName("gpu", List.of(template))).thenReturn(template);
            CloudAccess.PodTemplateInfo info = access.podTemplate("k8s", "gpu");
            assertThat(info.namespace()).isEqualTo("gpu-team");
            assertThat(info.yaml()).contains("priorityClassName: \"low\"");
            assertThatThrownBy(() -> access.podTemplate("k8s", "cpu"))
                    .hasMessage("podTemplate: the Kubernetes cloud 'k8s' has no pod template named 'cpu'");
        }
    }

    @Test
    void connectFailureNamesTheCloud() throws Exception {
        when(cloud.connect()).thenThrow(new IOException("no route to host"));
        assertThatThrownBy(() -> access.client("k8s")).isInstanceOf(CloudUnavailableException.class)
                .hasMessage("cannot connect to the Kubernetes cloud 'k8s': no route to host");
    }
}
