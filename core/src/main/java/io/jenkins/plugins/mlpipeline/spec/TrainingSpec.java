package io.jenkins.plugins.mlpipeline.spec;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What to train and how: the image and its arguments, the params handed to the trainer, and the pod settings
 * the Job needs. Immutable and validated: {@link Builder#build()} refuses an invalid spec with a
 * {@link SpecValidationException} listing every problem. Getters return unmodifiable views or fresh copies, so no
 * caller can change a spec after it was checked.
 */
public final class TrainingSpec {

    /** Upper bound for {@code retries}: far above what a training run needs, low enough to catch a typo. */
    public static final int MAX_RETRIES = 100;

    private final String name;
    private final String image;
    private final List<String> command;
    private final List<String> args;
    private final Map<String, Object> params;
    private final Map<String, String> env;
    private final Map<String, SecretRef> secretEnv;
    private final Map<String, String> resources;
    private final Map<String, String> nodeSelector;
    private final List<Toleration> tolerations;
    private final Affinity affinity;
    private final String serviceAccount;
    private final List<String> imagePullSecrets;
    private final List<Volume> volumes;
    private final List<VolumeMount> volumeMounts;
    private final Duration deadline;
    private final int retries;
    private final Duration ttlAfterFinished;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final String podTemplateYaml;
    private final PodTemplateSpec podTemplate;
    private final String outputs;
    private final String outputsImage;

    private TrainingSpec(Builder builder, Map<String, SecretRef> secretEnv, PodTemplateSpec podTemplate) {
        this.name = builder.name;
        this.image = builder.image;
        this.command = List.copyOf(builder.command);
        this.args = List.copyOf(builder.args);
        this.params = ParamValues.immutableCopy(builder.params);
        this.env = immutable(builder.env);
        this.secretEnv = immutable(secretEnv);
        this.resources = immutable(builder.resources);
        this.nodeSelector = immutable(builder.nodeSelector);
        this.tolerations = copyAll(builder.tolerations, TrainingSpec::copy);
        this.affinity = builder.affinity == null ? null : copy(builder.affinity);
        this.serviceAccount = builder.serviceAccount;
        this.imagePullSecrets = List.copyOf(builder.imagePullSecrets);
        this.volumes = copyAll(builder.volumes, TrainingSpec::copy);
        this.volumeMounts = copyAll(builder.volumeMounts, TrainingSpec::copy);
        this.deadline = builder.deadline;
        this.retries = builder.retries;
        this.ttlAfterFinished = builder.ttlAfterFinished;
        this.labels = immutable(builder.labels);
        this.annotations = immutable(builder.annotations);
        this.podTemplateYaml = builder.podTemplateYaml;
        this.podTemplate = podTemplate;
        this.outputs = builder.outputs;
        this.outputsImage = builder.outputsImage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to derive a changed spec. */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .name(name).image(image).command(command).args(args).params(params).env(env)
                .resources(resources).nodeSelector(nodeSelector).tolerations(tolerations).affinity(affinity)
                .serviceAccount(serviceAccount).imagePullSecrets(imagePullSecrets).volumes(volumes)
                .volumeMounts(volumeMounts).deadline(deadline).retries(retries).ttlAfterFinished(ttlAfterFinished)
                .labels(labels).annotations(annotations).podTemplateYaml(podTemplateYaml)
                .outputs(outputs).outputsImage(outputsImage);
        secretEnv.forEach(builder::secretEnv);
        return builder;
    }

    /** Display name of the run; also the readable prefix of the Job name. */
    public Optional<String> getName() {
        return Optional.ofNullable(name);
    }

    public String getImage() {
        return image;
    }

    /** Overrides the image's entrypoint when not empty. */
    public List<String> getCommand() {
        return command;
    }

    /** Arguments before the rendered params. */
    public List<String> getArgs() {
        return args;
    }

    /** Params in insertion order; nested lists and maps are unmodifiable too. */
    public Map<String, Object> getParams() {
        return params;
    }

    /** The params as Fire flags, see {@link FireArgs}. */
    public List<String> getParamArgs() {
        return FireArgs.render(params);
    }

    public Map<String, String> getEnv() {
        return env;
    }

    /** Environment variable name to the secret key whose value the kubelet puts there. */
    public Map<String, SecretRef> getSecretEnv() {
        return secretEnv;
    }

    /** Resource name as written ({@code gpu}, {@code memory}, ...) to quantity; see {@link Resources}. */
    public Map<String, String> getResources() {
        return resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return copyAll(tolerations, TrainingSpec::copy);
    }

    public Optional<Affinity> getAffinity() {
        return Optional.ofNullable(affinity).map(TrainingSpec::copy);
    }

    public Optional<String> getServiceAccount() {
        return Optional.ofNullable(serviceAccount);
    }

    public List<String> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public List<Volume> getVolumes() {
        return copyAll(volumes, TrainingSpec::copy);
    }

    public List<VolumeMount> getVolumeMounts() {
        return copyAll(volumeMounts, TrainingSpec::copy);
    }

    /** Wall-clock limit of the whole Job, in whole seconds. */
    public Optional<Duration> getDeadline() {
        return Optional.ofNullable(deadline);
    }

    /** How many failed pods are retried (the Job's {@code backoffLimit}). */
    public int getRetries() {
        return retries;
    }

    /** How long Kubernetes keeps the finished Job, in whole seconds. */
    public Optional<Duration> getTtlAfterFinished() {
        return Optional.ofNullable(ttlAfterFinished);
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    /** Absolute directory in the container whose files are collected when the main container has ended. */
    public Optional<String> getOutputs() {
        return Optional.ofNullable(outputs);
    }

    /** Image of the output sidecar ({@code sh}, {@code sleep} and {@code tar} needed); set when outputs is. */
    public Optional<String> getOutputsImage() {
        return Optional.ofNullable(outputsImage);
    }

    public Optional<String> getPodTemplateYaml() {
        return Optional.ofNullable(podTemplateYaml);
    }

    /** The parsed admin pod template (see {@link Builder#podTemplateYaml(String)}), as a fresh copy. */
    public Optional<PodTemplateSpec> getPodTemplate() {
        // Deep copy, see copy(Volume): resource maps in the template hold mutable Quantity objects.
        return Optional.ofNullable(podTemplate).map(Serialization::clone);
    }

    static Toleration copy(Toleration toleration) {
        return new TolerationBuilder(toleration).build();
    }

    static Affinity copy(Affinity affinity) {
        return new AffinityBuilder(affinity).build();
    }

    /**
     * A deep copy: a builder copy would share the mutable Quantity values of maps such as an ephemeral volume's
     * storage request.
     */
    static Volume copy(Volume volume) {
        return Serialization.clone(volume);
    }

    static VolumeMount copy(VolumeMount mount) {
        return new VolumeMountBuilder(mount).build();
    }

    private static <T> List<T> copyAll(List<T> items, UnaryOperator<T> copier) {
        List<T> copies = new ArrayList<>(items.size());
        for (T item : items) {
            copies.add(copier.apply(item));
        }
        return Collections.unmodifiableList(copies);
    }

    private static <V> Map<String, V> immutable(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Collects values; {@link #build()} checks them all at once. Plural setters replace what was set before
     * ({@code null} clears), singular ones add. Nothing is checked before {@code build()}, so a caller can
     * translate user input field by field and still get every problem in one exception.
     */
    public static final class Builder {

        String name;
        String image;
        final List<String> command = new ArrayList<>();
        final List<String> args = new ArrayList<>();
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, String> secretEnvRefs = new LinkedHashMap<>();
        final Map<String, String> resources = new LinkedHashMap<>();
        final Map<String, String> nodeSelector = new LinkedHashMap<>();
        final List<Toleration> tolerations = new ArrayList<>();
        Affinity affinity;
        String serviceAccount;
        final List<String> imagePullSecrets = new ArrayList<>();
        final List<Volume> volumes = new ArrayList<>();
        final List<VolumeMount> volumeMounts = new ArrayList<>();
        Duration deadline;
        int retries;
        Duration ttlAfterFinished;
        final Map<String, String> labels = new LinkedHashMap<>();
        final Map<String, String> annotations = new LinkedHashMap<>();
        String podTemplateYaml;
        String outputs;
        String outputsImage;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder command(List<String> command) {
            return replace(this.command, command);
        }

        public Builder command(String... command) {
            return command(Arrays.asList(command));
        }

        public Builder args(List<String> args) {
            return replace(this.args, args);
        }

        public Builder args(String... args) {
            return args(Arrays.asList(args));
        }

        public Builder param(String key, Object value) {
            params.put(key, value);
            return this;
        }

        /** Replaces all params, keeping their order. */
        public Builder params(Map<String, ?> params) {
            this.params.clear();
            if (params != null) {
                // Read keys as Object: a Groovy caller may pass GString keys despite the declared type.
                for (Map.Entry<?, ?> param : ((Map<?, ?>) params).entrySet()) {
                    Object key = param.getKey();
                    this.params.put(key == null ? null : key.toString(), param.getValue());
                }
            }
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> env) {
            return replace(this.env, env);
        }

        /** {@code reference} is {@code secret-name/key}, checked by {@link #build()}. */
        public Builder secretEnv(String envName, String reference) {
            secretEnvRefs.put(envName, reference);
            return this;
        }

        public Builder secretEnv(String envName, SecretRef reference) {
            return secretEnv(envName, reference == null ? null : reference.toString());
        }

        /** Replaces all secret env entries; values are {@code secret-name/key} references. */
        public Builder secretEnvRefs(Map<String, String> references) {
            return replace(secretEnvRefs, references);
        }

        public Builder resource(String name, String quantity) {
            resources.put(name, quantity);
            return this;
        }

        public Builder resources(Map<String, String> resources) {
            return replace(this.resources, resources);
        }

        public Builder nodeSelector(Map<String, String> nodeSelector) {
            return replace(this.nodeSelector, nodeSelector);
        }

        public Builder toleration(Toleration toleration) {
            tolerations.add(toleration == null ? null : copy(toleration));
            return this;
        }

        public Builder tolerations(List<Toleration> tolerations) {
            this.tolerations.clear();
            if (tolerations != null) {
                tolerations.forEach(this::toleration);
            }
            return this;
        }

        public Builder affinity(Affinity affinity) {
            this.affinity = affinity == null ? null : copy(affinity);
            return this;
        }

        public Builder serviceAccount(String serviceAccount) {
            this.serviceAccount = serviceAccount;
            return this;
        }

        public Builder imagePullSecret(String secretName) {
            imagePullSecrets.add(secretName);
            return this;
        }

        public Builder imagePullSecrets(List<String> secretNames) {
            return replace(imagePullSecrets, secretNames);
        }

        public Builder volume(Volume volume) {
            volumes.add(volume == null ? null : copy(volume));
            return this;
        }

        public Builder volumes(List<Volume> volumes) {
            this.volumes.clear();
            if (volumes != null) {
                volumes.forEach(this::volume);
            }
            return this;
        }

        public Builder volumeMount(VolumeMount mount) {
            volumeMounts.add(mount == null ? null : copy(mount));
            return this;
        }

        public Builder volumeMounts(List<VolumeMount> mounts) {
            this.volumeMounts.clear();
            if (mounts != null) {
                mounts.forEach(this::volumeMount);
            }
            return this;
        }

        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder ttlAfterFinished(Duration ttlAfterFinished) {
            this.ttlAfterFinished = ttlAfterFinished;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            return replace(this.labels, labels);
        }

        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public Builder annotations(Map<String, String> annotations) {
            return replace(this.annotations, annotations);
        }

        /**
         * An administrator's pod template, laid underneath the pod rendered from this spec. Accepted shapes: a whole
         * Pod ({@code kind: Pod}, as in the Kubernetes plugin), a {@code kind: PodTemplate}, a PodTemplateSpec
         * (a mapping with only {@code metadata} and/or {@code spec}) or a bare PodSpec (any other mapping). Only
         * labels and annotations are used from its metadata; unknown fields are refused by {@link #build()}.
         */
        public Builder podTemplateYaml(String podTemplateYaml) {
            this.podTemplateYaml = podTemplateYaml;
            return this;
        }

        /** Directory the container writes its outputs to, collected after it ends (absolute, not {@code /}). */
        public Builder outputs(String outputs) {
            this.outputs = outputs;
            return this;
        }

        /** Image of the output sidecar; needs {@code sh}, {@code sleep}, {@code kill} and {@code tar}. */
        public Builder outputsImage(String outputsImage) {
            this.outputsImage = outputsImage;
            return this;
        }

        /**
         * Checks every field and builds the spec.
         *
         * @throws SpecValidationException listing every problem found, each naming its field
         */
        public TrainingSpec build() {
            TrainingSpecValidator validator = new TrainingSpecValidator(this);
            List<String> problems = validator.problems();
            if (!problems.isEmpty()) {
                throw new SpecValidationException(problems);
            }
            return new TrainingSpec(this, validator.secretEnv(), validator.podTemplate());
        }

        private <T> Builder replace(List<T> target, List<T> source) {
            target.clear();
            if (source != null) {
                target.addAll(source);
            }
            return this;
        }

        private <V> Builder replace(Map<String, V> target, Map<String, ? extends V> source) {
            target.clear();
            if (source != null) {
                target.putAll(source);
            }
            return this;
        }
    }
}
