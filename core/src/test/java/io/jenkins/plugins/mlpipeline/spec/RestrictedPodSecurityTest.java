package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestrictedPodSecurityTest {

    private static PodTemplateSpec pod(String yaml) {
        List<String> problems = new ArrayList<>();
        PodTemplateSpec spec = PodYamlLayers.parse("podYaml", yaml, problems);
        assertThat(problems).isEmpty();
        return spec;
    }

    private static final String RISKY = """
            hostNetwork: true
            hostPID: true
            hostIPC: true
            initContainers:
            - name: setup
              image: busybox
              securityContext: {allowPrivilegeEscalation: true}
            containers:
            - name: main
              securityContext: {privileged: true}
            volumes:
            - name: docker
              hostPath: {path: /var/run/docker.sock}
            """;

    @Test
    void everyRiskyFieldIsNamed() {
        assertThat(RestrictedPodSecurity.violations(pod(RISKY), null))
                .hasSize(6)
                .anyMatch(p -> p.startsWith("podYaml: spec.containers[0] ('main').securityContext.privileged"))
                .anyMatch(p -> p.startsWith("podYaml: spec.initContainers[0] ('setup')"
                        + ".securityContext.allowPrivilegeEscalation"))
                .anyMatch(p -> p.startsWith("podYaml: spec.volumes[0] ('docker') mounts hostPath"
                        + " '/var/run/docker.sock'"))
                .anyMatch(p -> p.startsWith("podYaml: spec.hostNetwork"))
                .anyMatch(p -> p.startsWith("podYaml: spec.hostPID"))
                .anyMatch(p -> p.startsWith("podYaml: spec.hostIPC"))
                .allMatch(p -> p.contains("ask an administrator"));
    }

    @Test
    void whatTheAdminTemplateDoesIsAllowed() {
        assertThat(RestrictedPodSecurity.violations(pod(RISKY), pod(RISKY))).isEmpty();
    }

    @Test
    void hostPathIsAllowedOnlyForTheSamePath() {
        PodTemplateSpec admin = pod("volumes: [{name: cache, hostPath: {path: /var/cache}}]");
        assertThat(RestrictedPodSecurity.violations(pod("volumes: [{name: c, hostPath: {path: /var/cache}}]"), admin))
                .isEmpty();
        assertThat(RestrictedPodSecurity.violations(pod("volumes: [{name: c, hostPath: {path: /etc}}]"), admin))
                .singleElement().asString().contains("'/etc'");
    }

    @Test
    void harmlessYamlPasses() {
        assertThat(RestrictedPodSecurity.violations(pod("""
                containers:
                - name: main
                  securityContext: {privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true}
                volumes: [{name: scratch, emptyDir: {}}]
                """), null)).isEmpty();
    }

    @Test
    void addedCapabilitiesBeyondTheRestrictedStandardAreNamed() {
        PodTemplateSpec user = pod("""
                containers:
                - name: main
                  securityContext: {capabilities: {add: [SYS_ADMIN, NET_BIND_SERVICE]}}
                """);
        assertThat(RestrictedPodSecurity.violations(user, null)).singleElement().asString()
                .contains("spec.containers[0] ('main').securityContext.capabilities.add: SYS_ADMIN is not allowed");
        PodTemplateSpec admin = pod("""
                containers:
                - name: tools
                  securityContext: {capabilities: {add: [SYS_ADMIN]}}
                """);
        assertThat(RestrictedPodSecurity.violations(user, admin)).isEmpty();
    }
}
