package io.jenkins.plugins.mlpipeline.spec;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.jenkins.plugins.mlpipeline.JobLabels;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a {@link TrainingSpec.Builder} field by field and collects every problem. Also produces the two values
 * that come out of parsing: the secret references and the admin pod template.
 */
final class TrainingSpecValidator {

    /** The domain of our own labels and annotations; users may not write keys in it. */
    static final String OWN_KEY_PREFIX = "ml-pipeline.jenkins.io/";
    /** Labels the API server sets on a Job's pods; setting them is refused by the API server. */
    private static final String JOB_CONTROLLER_KEY_PREFIX = "batch.kubernetes.io/";
    private static final Set<String> LEGACY_JOB_CONTROLLER_KEYS = Set.of("controller-uid", "job-name");
    private static final Set<String> TOLERATION_OPERATORS = Set.of("Equal", "Exists");
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    /** k8s apimachinery {@code TotalAnnotationSizeLimitB}. */
    private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
    private static final int NAME_MAX = 253;

    private final TrainingSpec.Builder spec;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, SecretRef> secretEnv = new LinkedHashMap<>();
    private PodTemplateSpec podTemplate;

    TrainingSpecValidator(TrainingSpec.Builder spec) {
        this.spec = spec;
        checkAll();
    }

    List<String> problems() {
        return problems;
    }

    Map<String, SecretRef> secretEnv() {
        return secretEnv;
    }

    PodTemplateSpec podTemplate() {
        return podTemplate;
    }

    private void checkAll() {
        checkName();
        ImageReferences.check(spec.image).ifPresent(problems::add);
        checkNoNulls("command", spec.command);
        checkNoNulls("args", spec.args);
        checkParams();
        checkEnv();
        Resources.check(spec.resources, problems);
        checkLabelMap("nodeSelector", spec.nodeSelector);
        checkTolerations();
        if (spec.serviceAccount != null) {
            KubernetesNames.checkDns1123Subdomain("serviceAccount", spec.serviceAccount).ifPresent(problems::add);
        }
        for (String secret : spec.imagePullSecrets) {
            KubernetesNames.checkDns1123Subdomain("imagePullSecrets", secret).ifPresent(problems::add);
        }
        if (spec.podTemplateYaml != null) {
            podTemplate = PodTemplateYaml.parse(spec.podTemplateYaml, problems);
        }
        checkVolumes();
        checkOutputs();
        checkDurations();
        if (spec.retries < 0 || spec.retries > TrainingSpec.MAX_RETRIES) {
            problems.add("retries: must be between 0 and " + TrainingSpec.MAX_RETRIES + ", got " + spec.retries);
        }
        checkLabelMap("labels", spec.labels);
        checkReservedKeys("labels", spec.labels);
        checkAnnotations();
    }

    private void checkName() {
        if (spec.name == null) {
            return;
        }
        if (spec.name.isBlank()) {
            problems.add("name: must not be blank when given; leave it out to name the run after the build");
        } else if (spec.name.length() > NAME_MAX) {
            problems.add("name: must be at most " + NAME_MAX + " characters, got " + spec.name.length());
        }
    }

    private void checkNoNulls(String field, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                problems.add(field + "[" + i + "]: must not be null (use an empty string for an empty argument)");
            }
        }
    }

    private void checkParams() {
        problems.addAll(FireArgs.problems(spec.params));
        // Fire treats everything after an isolated "--" as its own flags, which would swallow the params.
        if (!spec.params.isEmpty() && spec.args.contains("--")) {
            problems.add("args: contains '--', after which Python Fire reads its own flags (--help, --trace, ...),"
                    + " not the params; remove it or pass the values as params only");
        }
    }

    private void checkEnv() {
        spec.env.forEach((name, value) -> {
            KubernetesNames.checkEnvVarName("env", name).ifPresent(problems::add);
            if (value == null) {
                problems.add("env." + name + ": value must not be null (use an empty string for an empty value)");
            }
        });
        spec.secretEnvRefs.forEach((name, reference) -> {
            KubernetesNames.checkEnvVarName("secretEnv", name).ifPresent(problems::add);
            if (spec.env.containsKey(name)) {
                problems.add("secretEnv." + name + ": is also set in env; an environment variable comes either from"
                        + " a literal value or from a secret, not both");
            }
            try {
                secretEnv.put(name, SecretRef.parse("secretEnv." + name, reference));
            } catch (SpecValidationException e) {
                problems.addAll(e.getProblems());
            }
        });
    }

    private void checkLabelMap(String field, Map<String, String> map) {
        map.forEach((key, value) -> {
            KubernetesNames.checkQualifiedName(field, key).ifPresent(problems::add);
            KubernetesNames.checkLabelValue(field + "." + key, value).ifPresent(problems::add);
        });
    }

    private void checkAnnotations() {
        long bytes = 0;
        for (Map.Entry<String, String> annotation : spec.annotations.entrySet()) {
            KubernetesNames.checkQualifiedName("annotations", annotation.getKey()).ifPresent(problems::add);
            if (annotation.getValue() == null) {
                problems.add("annotations." + annotation.getKey() + ": value must not be null");
            } else {
                bytes += annotation.getValue().length() + String.valueOf(annotation.getKey()).length();
            }
        }
        if (bytes > ANNOTATIONS_MAX_BYTES) {
            problems.add("annotations: keys and values add up to " + bytes + " characters; Kubernetes allows at most "
                    + ANNOTATIONS_MAX_BYTES + " in total");
        }
        checkReservedKeys("annotations", spec.annotations);
    }

    /** Our labels and annotations are the tracker's contract; a user value would break adoption or clean-up. */
    private void checkReservedKeys(String field, Map<String, String> map) {
        for (String key : map.keySet()) {
            if (key == null) {
                continue;
            }
            if (key.equals(JobLabels.MANAGED_BY) || key.startsWith(OWN_KEY_PREFIX)) {
                problems.add(field + ": key '" + key + "' is reserved for the plugin, which sets it itself; use"
                        + " another key (keys under '" + OWN_KEY_PREFIX + "' and '" + JobLabels.MANAGED_BY
                        + "' are reserved)");
            } else if (key.startsWith(JOB_CONTROLLER_KEY_PREFIX) || LEGACY_JOB_CONTROLLER_KEYS.contains(key)) {
                problems.add(field + ": key '" + key + "' is reserved for the Kubernetes Job controller (keys under '"
                        + JOB_CONTROLLER_KEY_PREFIX + "', 'controller-uid' and 'job-name'); use another key");
            }
        }
    }

    private void checkTolerations() {
        for (int i = 0; i < spec.tolerations.size(); i++) {
            String field = "tolerations[" + i + "]";
            Toleration toleration = spec.tolerations.get(i);
            if (toleration == null) {
                problems.add(field + ": must not be null");
                continue;
            }
            String operator = toleration.getOperator();
            boolean exists = "Exists".equals(operator);
            if (operator != null && !operator.isEmpty() && !TOLERATION_OPERATORS.contains(operator)) {
                problems.add(field + ".operator: '" + operator + "' is not allowed; use Equal or Exists");
            }
            String effect = toleration.getEffect();
            if (effect != null && !effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
                problems.add(field + ".effect: '" + effect + "' is not allowed; use NoSchedule, PreferNoSchedule or"
                        + " NoExecute (or leave it empty for all effects)");
            }
            if (isEmpty(toleration.getKey()) && !exists) {
                problems.add(field + ": a toleration without a key must use operator Exists");
            }
            if (exists && !isEmpty(toleration.getValue())) {
                problems.add(field + ".value: must be empty when the operator is Exists");
            }
            if (toleration.getTolerationSeconds() != null && !"NoExecute".equals(effect)) {
                problems.add(field + ".tolerationSeconds: only allowed with effect NoExecute");
            }
            if (!isEmpty(toleration.getKey())) {
                KubernetesNames.checkQualifiedName(field + ".key", toleration.getKey()).ifPresent(problems::add);
            }
        }
    }

    private void checkVolumes() {
        Set<String> volumeNames = new HashSet<>();
        for (int i = 0; i < spec.volumes.size(); i++) {
            Volume volume = spec.volumes.get(i);
            String field = "volumes[" + i + "]";
            if (volume == null) {
                problems.add(field + ": must not be null");
                continue;
            }
            KubernetesNames.checkDns1123Label(field + ".name", volume.getName()).ifPresent(problems::add);
            if (!volumeNames.add(volume.getName())) {
                problems.add(field + ".name: '" + volume.getName() + "' is used by another volume; names must be"
                        + " unique");
            }
        }
        if (podTemplate != null && podTemplate.getSpec() != null) {
            podTemplate.getSpec().getVolumes().forEach(volume -> volumeNames.add(volume.getName()));
        }
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < spec.volumeMounts.size(); i++) {
            VolumeMount mount = spec.volumeMounts.get(i);
            String field = "volumeMounts[" + i + "]";
            if (mount == null) {
                problems.add(field + ": must not be null");
                continue;
            }
            if (!volumeNames.contains(mount.getName())) {
                problems.add(field + ".name: '" + mount.getName() + "' is not a volume of this spec or of the pod"
                        + " template; mount one of " + (volumeNames.isEmpty() ? "(no volumes defined)"
                        : new TreeSet<>(volumeNames)));
            }
            if (isEmpty(mount.getMountPath()) || !mount.getMountPath().startsWith("/")) {
                problems.add(field + ".mountPath: must be an absolute path (example: /data), got "
                        + KubernetesNames.quote(mount.getMountPath()));
            } else if (!mountPaths.add(mount.getMountPath())) {
                problems.add(field + ".mountPath: '" + mount.getMountPath() + "' is used by another mount; mount"
                        + " paths must be unique");
            }
        }
    }

    private void checkOutputs() {
        if (spec.outputs == null) {
            return;
        }
        String path = spec.outputs;
        if (!path.startsWith("/") || path.equals("/") || path.contains("//") || path.endsWith("/")
                || path.contains("\0") || path.contains("\n")) {
            problems.add("outputs: must be an absolute directory other than / with no trailing slash (example:"
                    + " /ml/outputs), got " + KubernetesNames.quote(path));
        } else if (Arrays.asList(path.substring(1).split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            problems.add("outputs: must not contain '.' or '..' segments, got " + KubernetesNames.quote(path));
        } else {
            for (VolumeMount mount : spec.volumeMounts) {
                if (mount != null && path.equals(mount.getMountPath())) {
                    problems.add("outputs: '" + path + "' is also the mountPath of volume '" + mount.getName()
                            + "'; choose a directory no other volume is mounted at");
                }
            }
            for (Volume volume : spec.volumes) {
                if (volume != null && JobLabels.OUTPUTS_VOLUME.equals(volume.getName())) {
                    problems.add("volumes: the name '" + JobLabels.OUTPUTS_VOLUME + "' is reserved for outputs");
                }
            }
        }
        if (spec.outputsImage == null || spec.outputsImage.isBlank()) {
            problems.add("outputsImage: required with outputs (the output sidecar image: needs sh, sleep, kill and"
                    + " tar, e.g. busybox)");
        } else {
            ImageReferences.check(spec.outputsImage)
                    .ifPresent(p -> problems.add(p.replaceFirst("^image: ", "outputsImage: ")));
        }
    }

    private void checkDurations() {
        Duration deadline = spec.deadline;
        if (deadline != null) {
            if (deadline.isNegative() || deadline.isZero()) {
                problems.add("deadline: must be positive, got " + seconds(deadline));
            } else if (deadline.getNano() != 0) {
                problems.add("deadline: must be a whole number of seconds, got " + seconds(deadline));
            }
        }
        Duration ttl = spec.ttlAfterFinished;
        if (ttl != null) {
            if (ttl.isNegative()) {
                problems.add("ttlAfterFinished: must be zero or positive, got " + seconds(ttl));
            } else if (ttl.getNano() != 0) {
                problems.add("ttlAfterFinished: must be a whole number of seconds, got " + seconds(ttl));
            } else if (ttl.getSeconds() > Integer.MAX_VALUE) {
                problems.add("ttlAfterFinished: must be at most " + Integer.MAX_VALUE + "s, got " + seconds(ttl));
            }
        }
    }

    /** {@code -5s}, {@code 1.5s}: the unit users write, rather than Java's {@code PT-5S}. */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString() + "s";
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
