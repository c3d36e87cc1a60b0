package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.List;

/**
 * Error answers shaped like the real API server's {@code metav1.Status} bodies (reason, code, message wording from
 * k8s.io/apimachinery/pkg/api/errors).
 */
public final class Statuses {

    private Statuses() {
    }

    public static MockResponse notFound(String plural, String name) {
        return respond(status(404, "NotFound", plural + " \"" + name + "\" not found")
                .withNewDetails().withName(name).withKind(plural).endDetails().build());
    }

    /** 409 on create, e.g. {@code jobs.batch "train" already exists}. */
    public static MockResponse alreadyExists(String plural, String group, String name) {
        String resource = group.isEmpty() ? plural : plural + "." + group;
        return respond(status(409, "AlreadyExists", resource + " \"" + name + "\" already exists")
                .withNewDetails().withName(name).withGroup(group.isEmpty() ? null : group).withKind(plural)
                .endDetails().build());
    }

    public static MockResponse badRequest(String message) {
        return respond(status(400, "BadRequest", message).build());
    }

    public static MockResponse unauthorized() {
        return respond(status(401, "Unauthorized", "Unauthorized").build());
    }

    public static MockResponse forbidden(String message) {
        return respond(status(403, "Forbidden", message).build());
    }

    public static MockResponse conflict(String message) {
        return respond(status(409, "Conflict", message).build());
    }

    public static MockResponse internalError(String message) {
        return respond(status(500, "InternalError", "Internal error occurred: " + message).build());
    }

    public static MockResponse serviceUnavailable(String message) {
        return respond(status(503, "ServiceUnavailable", message).build());
    }

    /**
     * 422 as returned by validation, e.g. {@code Job.batch "x" is invalid: spec.template.spec.restartPolicy: ...}.
     *
     * @param qualifiedKind kind and group as the API server prints them, e.g. {@code Job.batch} or {@code Pod}
     */
    public static MockResponse invalid(String qualifiedKind, String name, String field, String detail) {
        String message = qualifiedKind + " \"" + name + "\" is invalid: " + field + ": " + detail;
        StatusCause cause = new StatusCause(field, detail, "FieldValueInvalid");
        return respond(status(422, "Invalid", message)
                .withNewDetails().withName(name).withKind(qualifiedKind).withCauses(List.of(cause)).endDetails()
                .build());
    }

    /** 422 whose message is {@code <qualifiedKind> "<name>" is invalid: <details>} with details already joined. */
    public static MockResponse invalid(String qualifiedKind, String name, String details) {
        return respond(status(422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + details)
                .withNewDetails().withName(name).withKind(qualifiedKind).endDetails().build());
    }

    /** The object of a watch {@code ERROR} event telling the client its resourceVersion is too old. */
    public static Status expired(String requested, long oldest) {
        return status(410, "Expired", "too old resource version: " + requested + " (" + oldest + ")").build();
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static StatusBuilder status(int code, String reason, String message) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message);
    }

    private static MockResponse respond(Status status) {
        return json(status.getCode(), Serialization.asJson(status));
    }
}
