package io.jenkins.plugins.mlpipeline.launch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mlpipeline.JobLabels;
import io.jenkins.plugins.mlpipeline.RunRef;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;

/**
 * Creates a rendered Job exactly once per run identity. The Job name is derived from the identity, so a second
 * launch of the same run (a retried call, or the step resuming after a controller restart) meets
 * {@code 409 AlreadyExists} and adopts the existing Job when its run-id annotation matches; a Job of that name
 * belonging to another run is never touched.
 *
 * <p>Create first, read on conflict: the common case costs one request.
 */
public final class JobLauncher {

    private static final int CREATE_ATTEMPTS = 3;

    private final KubernetesClient client;

    public JobLauncher(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public LaunchResult launch(Job job) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        String runId = annotation(job, JobLabels.RUN_ID);
        if (namespace == null || name == null || runId == null) {
            throw new IllegalArgumentException("a rendered Job needs a namespace, a name and the " + JobLabels.RUN_ID
                    + " annotation");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Job created = client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
                return new LaunchResult(new RunRef(namespace, name, created.getMetadata().getUid()), false);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw explain(e, namespace, name);
                }
            }
            Job existing = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
            if (existing != null) {
                return adopt(existing, runId);
            }
            // Deleted between our create and our read: create again.
            if (attempt >= CREATE_ATTEMPTS) {
                throw new LaunchException("Job " + namespace + "/" + name + " kept conflicting with a Job of the same name "
                        + "that disappeared again; is something else creating and deleting it?");
            }
        }
    }

    private static LaunchResult adopt(Job existing, String runId) {
        String ns = existing.getMetadata().getNamespace();
        String name = existing.getMetadata().getName();
        String owner = annotation(existing, JobLabels.RUN_ID);
        if (!runId.equals(owner)) {
            throw new LaunchException("Job " + ns + "/" + name + " already exists and belongs to "
                    + (owner == null ? "something outside Jenkins (no " + JobLabels.RUN_ID + " annotation)" : "run '" + owner + "'")
                    + ", not to '" + runId + "'. It was left untouched; delete it or give this step another name.");
        }
        return new LaunchResult(new RunRef(ns, name, existing.getMetadata().getUid()), true);
    }

    private static LaunchException explain(KubernetesClientException e, String namespace, String name) {
        String server = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        switch (e.getCode()) {
            case HttpURLConnection.HTTP_FORBIDDEN:
                return new LaunchException("Not allowed to create Jobs in namespace " + namespace + ": " + server
                        + ". The service account of the Kubernetes cloud needs create/get/list/watch/delete/patch on "
                        + "jobs, get/list/watch on pods, pods/log and events, and (for outputs) create/get on pods/exec"
                        + " there (see docs/operations.md).", e);
            case HttpURLConnection.HTTP_UNAUTHORIZED:
                return new LaunchException("The Kubernetes API rejected the credentials of the cloud (401): " + server, e);
            case HttpURLConnection.HTTP_NOT_FOUND:
                return new LaunchException("Namespace " + namespace + " does not exist (404): " + server, e);
            case 422:
                return new LaunchException("Kubernetes rejected Job " + namespace + "/" + name + " as invalid: " + server, e);
            default:
                return new LaunchException("Could not create Job " + namespace + "/" + name + ": " + server, e);
        }
    }

    private static String annotation(Job job, String key) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
