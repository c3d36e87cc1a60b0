package io.jenkins.plugins.mlpipeline.spec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The administrator's "restricted pod security" policy for the YAML a Jenkinsfile brings ({@code podYaml}):
 * no privileged containers, no privilege escalation, no added capabilities beyond NET_BIND_SERVICE, no hostPath
 * volumes and no host namespaces (network, PID, IPC), because each of them hands the node to whoever can edit a Jenkinsfile. What the administrator's own pod
 * template already does is allowed: a template with a privileged container allows privileged containers, one with
 * a hostPath volume allows that same host path, one with {@code hostNetwork: true} allows host networking.
 */
public final class RestrictedPodSecurity {

    private static final String HOW = "; remove it, or ask an administrator to allow it in the pod template"
            + " (or to turn off restricted pod security)";

    private RestrictedPodSecurity() {
    }

    /**
     * @param user     the user's pod, not null
     * @param template the administrator's pod template, or null
     * @return one sentence per violation, each naming the {@code podYaml} field; empty when allowed
     */
    public static List<String> violations(PodTemplateSpec user, PodTemplateSpec template) {
        PodSpec pod = user.getSpec();
        List<String> problems = new ArrayList<>();
        if (pod == null) {
            return problems;
        }
        PodSpec admin = template == null ? null : template.getSpec();
        boolean privilegedAllowed = anyContainer(admin, c -> flag(c, SecurityContext::getPrivileged));
        boolean escalationAllowed = anyContainer(admin, c -> flag(c, SecurityContext::getAllowPrivilegeEscalation));
        Set<String> allowedCapabilities = new HashSet<>(HARMLESS_CAPABILITIES);
        if (admin != null) {
            containers(admin).forEach(c -> allowedCapabilities.addAll(addedCapabilities(c.container)));
        }
        for (NamedContainer c : containers(pod)) {
            for (String capability : addedCapabilities(c.container)) {
                if (!allowedCapabilities.contains(capability)) {
                    problems.add("podYaml: " + c.path + ".securityContext.capabilities.add: " + capability
                            + " is not allowed (only " + String.join(", ", HARMLESS_CAPABILITIES) + ")" + HOW);
                }
            }
            if (flag(c.container, SecurityContext::getPrivileged) && !privilegedAllowed) {
                problems.add("podYaml: " + c.path + ".securityContext.privileged: true is not allowed" + HOW);
            }
            if (flag(c.container, SecurityContext::getAllowPrivilegeEscalation) && !escalationAllowed) {
                problems.add("podYaml: " + c.path + ".securityContext.allowPrivilegeEscalation: true is not allowed"
                        + HOW);
            }
        }
        Set<String> allowedHostPaths = new HashSet<>();
        if (admin != null && admin.getVolumes() != null) {
            for (Volume v : admin.getVolumes()) {
                if (v != null && v.getHostPath() != null) {
                    allowedHostPaths.add(v.getHostPath().getPath());
                }
            }
        }
        List<Volume> volumes = pod.getVolumes() == null ? List.of() : pod.getVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            Volume v = volumes.get(i);
            if (v != null && v.getHostPath() != null && !allowedHostPaths.contains(v.getHostPath().getPath())) {
                problems.add("podYaml: spec.volumes[" + i + "] ('" + v.getName() + "') mounts hostPath '"
                        + v.getHostPath().getPath() + "', which is not allowed" + HOW);
            }
        }
        hostNamespace(problems, "hostNetwork", pod.getHostNetwork(), admin == null ? null : admin.getHostNetwork());
        hostNamespace(problems, "hostPID", pod.getHostPID(), admin == null ? null : admin.getHostPID());
        hostNamespace(problems, "hostIPC", pod.getHostIPC(), admin == null ? null : admin.getHostIPC());
        return problems;
    }

    private static void hostNamespace(List<String> problems, String field, Boolean user, Boolean admin) {
        if (Boolean.TRUE.equals(user) && !Boolean.TRUE.equals(admin)) {
            problems.add("podYaml: spec." + field + ": true is not allowed" + HOW);
        }
    }

    /** The one capability the Kubernetes "restricted" Pod Security Standard lets a pod add. */
    private static final List<String> HARMLESS_CAPABILITIES = List.of("NET_BIND_SERVICE");

    private static List<String> addedCapabilities(Container c) {
        if (c == null || c.getSecurityContext() == null || c.getSecurityContext().getCapabilities() == null
                || c.getSecurityContext().getCapabilities().getAdd() == null) {
            return List.of();
        }
        return c.getSecurityContext().getCapabilities().getAdd();
    }

    private static boolean flag(Container c, Function<SecurityContext, Boolean> getter) {
        return c != null && c.getSecurityContext() != null && Boolean.TRUE.equals(getter.apply(c.getSecurityContext()));
    }

    private static boolean anyContainer(PodSpec pod, java.util.function.Predicate<Container> test) {
        return pod != null && containers(pod).stream().anyMatch(c -> test.test(c.container));
    }

    private record NamedContainer(String path, Container container) {
    }

    private static List<NamedContainer> containers(PodSpec pod) {
        List<NamedContainer> all = new ArrayList<>();
        add(all, "spec.containers", pod.getContainers());
        add(all, "spec.initContainers", pod.getInitContainers());
        if (pod.getEphemeralContainers() != null) {
            for (int i = 0; i < pod.getEphemeralContainers().size(); i++) {
                var e = pod.getEphemeralContainers().get(i);
                if (e != null) {
                    Container c = new Container();
                    c.setName(e.getName());
                    c.setSecurityContext(e.getSecurityContext());
                    all.add(new NamedContainer("spec.ephemeralContainers[" + i + "]", c));
                }
            }
        }
        return all;
    }

    private static void add(List<NamedContainer> all, String path, List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c != null) {
                String name = c.getName() == null ? "" : " ('" + c.getName() + "')";
                all.add(new NamedContainer(path + "[" + i + "]" + name, c));
            }
        }
    }
}
