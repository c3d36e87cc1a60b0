package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the real API server does to a Pod or Job on create before storing it: generateName, defaulting, the
 * validations clients most often trip over, and for Jobs the generated selector and template labels
 * (k8s pkg/registry/batch/job/strategy.go {@code generateSelector}, pkg/apis/batch/v1/defaults.go).
 */
final class Admission {

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String DNS_SUBDOMAIN_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private final ObjectStore store;
    private final IndexedCrudDispatcher crud;

    Admission(ObjectStore store, IndexedCrudDispatcher crud) {
        this.store = store;
        this.crud = crud;
    }

    MockResponse createPod(RecordedRequest request) {
        Pod pod;
        try {
            pod = Serialization.unmarshal(bodyOf(request), Pod.class);
        } catch (RuntimeException e) {
            return Statuses.badRequest("the body of the request was in an unknown format: " + e.getMessage());
        }
        if (pod == null || pod.getMetadata() == null) {
            return Statuses.badRequest("the body of the request did not contain a Pod");
        }
        assignGeneratedName(pod);
        MockResponse invalid = validateName("Pod", pod.getMetadata());
        if (invalid == null) {
            invalid = validatePodSpec("Pod", pod.getMetadata().getName(), pod.getSpec(), "spec");
        }
        if (invalid != null) {
            return invalid;
        }
        PodSpecDefaults.apply(pod.getSpec(), "Always");
        PodStatus status = new PodStatus();
        status.setPhase(PodPhases.PENDING);
        status.setQosClass(PodSpecDefaults.qosClass(pod.getSpec()));
        pod.setStatus(status);
        String name = pod.getMetadata().getName();
        return store.locked(() -> {
            MockResponse created = crud.handleCreate(withBody(request, Serialization.asJson(pod)));
            return created.code() == 409 ? Statuses.alreadyExists("pods", "", name) : created;
        });
    }

    MockResponse createJob(RecordedRequest request, String namespace) {
        Job job;
        try {
            job = Serialization.unmarshal(bodyOf(request), Job.class);
        } catch (RuntimeException e) {
            return Statuses.badRequest("the body of the request was in an unknown format: " + e.getMessage());
        }
        if (job == null || job.getMetadata() == null || job.getSpec() == null) {
            return Statuses.badRequest("the body of the request did not contain a Job with a spec");
        }
        assignGeneratedName(job);
        MockResponse invalid = validateJob(job);
        if (invalid != null) {
            return invalid;
        }
        applyJobDefaults(job);
        return store.locked(() -> {
            MockResponse created = crud.handleCreate(withBody(request, Serialization.asJson(job)));
            if (created.code() == 409) {
                return Statuses.alreadyExists("jobs", "batch", job.getMetadata().getName());
            }
            if (created.code() != 201) {
                return created;
            }
            Job stored = store.update(ResourceKind.JOBS, namespace, job.getMetadata().getName(),
                    Admission::generateSelector);
            return Statuses.json(201, Serialization.asJson(stored));
        });
    }

    private static void assignGeneratedName(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        if ((meta.getName() == null || meta.getName().isEmpty()) && meta.getGenerateName() != null) {
            meta.setName(GeneratedNames.generate(meta.getGenerateName()));
        }
    }

    private static MockResponse validateName(String qualifiedKind, ObjectMeta meta) {
        String name = meta.getName();
        if (name == null || name.isEmpty()) {
            return Statuses.invalid(qualifiedKind, "", "metadata.name",
                    "Required value: name or generateName is required");
        }
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            return Statuses.invalid(qualifiedKind, name, "metadata.name",
                    "Invalid value: \"" + name + "\": " + DNS_SUBDOMAIN_ERROR);
        }
        return null;
    }

    private static MockResponse validateJob(Job job) {
        String name = job.getMetadata().getName();
        MockResponse invalid = validateName("Job.batch", job.getMetadata());
        if (invalid != null) {
            return invalid;
        }
        if (name.length() > 63) {
            // The name becomes the value of the job-name label, and label values are limited to 63 characters.
            return Statuses.invalid("Job.batch", name, "spec.template.labels",
                    "Invalid value: \"" + name + "\": must be no more than 63 characters");
        }
        PodTemplateSpec template = job.getSpec().getTemplate();
        if (template == null || template.getSpec() == null) {
            return Statuses.invalid("Job.batch", name, "spec.template.spec.containers", "Required value");
        }
        String restartPolicy = template.getSpec().getRestartPolicy() == null ? "Always"
                : template.getSpec().getRestartPolicy();
        if (!restartPolicy.equals("Never") && !restartPolicy.equals("OnFailure")) {
            return Statuses.invalid("Job.batch", name, "spec.template.spec.restartPolicy",
                    "Unsupported value: \"" + restartPolicy + "\": supported values: \"OnFailure\", \"Never\"");
        }
        Integer backoffLimit = job.getSpec().getBackoffLimit();
        if (backoffLimit != null && backoffLimit < 0) {
            return Statuses.invalid("Job.batch", name, "spec.backoffLimit",
                    "Invalid value: " + backoffLimit + ": must be greater than or equal to 0");
        }
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        if (deadline != null && deadline <= 0) {
            return Statuses.invalid("Job.batch", name, "spec.activeDeadlineSeconds",
                    "Invalid value: " + deadline + ": must be greater than 0");
        }
        return validatePodSpec("Job.batch", name, template.getSpec(), "spec.template.spec");
    }

    private static MockResponse validatePodSpec(String qualifiedKind, String name, PodSpec spec, String field) {
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            return Statuses.invalid(qualifiedKind, name, field + ".containers", "Required value");
        }
        List<Container> containers = spec.getContainers();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            if (container.getName() == null || container.getName().isEmpty()) {
                return Statuses.invalid(qualifiedKind, name, field + ".containers[" + i + "].name", "Required value");
            }
            if (container.getImage() == null || container.getImage().isEmpty()) {
                return Statuses.invalid(qualifiedKind, name, field + ".containers[" + i + "].image",
                        "Required value");
            }
            MockResponse invalidMount = validateVolumeMounts(qualifiedKind, name, spec, container,
                    field + ".containers[" + i + "]");
            if (invalidMount != null) {
                return invalidMount;
            }
        }
        return null;
    }

    /** The volumeMount checks of k8s pkg/apis/core/validation {@code ValidateVolumeMounts} that tests can trip. */
    private static MockResponse validateVolumeMounts(String qualifiedKind, String name, PodSpec spec,
            Container container, String field) {
        if (container.getVolumeMounts() == null) {
            return null;
        }
        Set<String> volumes = new HashSet<>();
        if (spec.getVolumes() != null) {
            spec.getVolumes().forEach(volume -> volumes.add(volume.getName()));
        }
        Set<String> mountPaths = new HashSet<>();
        for (int j = 0; j < container.getVolumeMounts().size(); j++) {
            VolumeMount mount = container.getVolumeMounts().get(j);
            String at = field + ".volumeMounts[" + j + "]";
            if (mount.getName() == null || mount.getName().isEmpty()) {
                return Statuses.invalid(qualifiedKind, name, at + ".name", "Required value");
            }
            if (!volumes.contains(mount.getName())) {
                return Statuses.invalid(qualifiedKind, name, at + ".name", "Not found: \"" + mount.getName() + "\"");
            }
            String path = mount.getMountPath();
            if (path == null || path.isEmpty()) {
                return Statuses.invalid(qualifiedKind, name, at + ".mountPath", "Required value");
            }
            if (!mountPaths.add(path)) {
                return Statuses.invalid(qualifiedKind, name, at + ".mountPath",
                        "Invalid value: \"" + path + "\": must be unique");
            }
            String subPath = mount.getSubPath();
            if (subPath != null && subPath.startsWith("/")) {
                return Statuses.invalid(qualifiedKind, name, at + ".subPath",
                        "Invalid value: \"" + subPath + "\": must be a relative path");
            }
            if (subPath != null && List.of(subPath.split("/")).contains("..")) {
                return Statuses.invalid(qualifiedKind, name, at + ".subPath",
                        "Invalid value: \"" + subPath + "\": must not contain '..'");
            }
        }
        return null;
    }

    private static void applyJobDefaults(Job job) {
        JobSpec spec = job.getSpec();
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
            spec.setParallelism(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(6);
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getPodReplacementPolicy() == null && spec.getPodFailurePolicy() == null) {
            spec.setPodReplacementPolicy("TerminatingOrFailed");
        }
        PodTemplateSpec template = spec.getTemplate();
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> templateLabels = template.getMetadata().getLabels();
        if ((job.getMetadata().getLabels() == null || job.getMetadata().getLabels().isEmpty())
                && templateLabels != null && !templateLabels.isEmpty()) {
            // batch/v1 defaulting: a Job without labels takes those of its pod template.
            job.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
        }
        PodSpecDefaults.apply(template.getSpec(), "Never");
    }

    /** Generated selector and template labels (needs the uid, hence done right after the object is stored). */
    private static void generateSelector(Job job) {
        if (Boolean.TRUE.equals(job.getSpec().getManualSelector())) {
            return;
        }
        String uid = job.getMetadata().getUid();
        String name = job.getMetadata().getName();
        Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(JobLabels.CONTROLLER_UID, uid);
        labels.put(JobLabels.JOB_NAME, name);
        labels.put(JobLabels.LEGACY_CONTROLLER_UID, uid);
        labels.put(JobLabels.LEGACY_JOB_NAME, name);
        job.getSpec().getTemplate().getMetadata().setLabels(labels);
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(Map.of(JobLabels.CONTROLLER_UID, uid)));
        job.getSpec().setSelector(selector);
    }

    /** The request body, read without consuming it (the stock Buffer empties itself when read as text). */
    private static String bodyOf(RecordedRequest request) {
        return new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static RecordedRequest withBody(RecordedRequest original, String body) {
        Headers headers = Headers.builder().set("Content-Type", "application/json").build();
        return new RecordedRequest(original.getHttpVersion(), HttpMethod.POST, original.getPath(), headers,
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
