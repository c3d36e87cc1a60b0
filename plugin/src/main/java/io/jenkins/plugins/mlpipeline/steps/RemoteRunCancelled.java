package io.jenkins.plugins.mlpipeline.steps;

import jenkins.model.CauseOfInterruption;

/**
 * Why a build was aborted when its Kubernetes Job was deleted or suspended by someone other than Jenkins (an
 * operator's {@code kubectl delete}, a cluster policy). Printed in the build log and kept with the build.
 */
public final class RemoteRunCancelled extends CauseOfInterruption {

    private static final long serialVersionUID = 1L;

    private final String job;
    private final String reason;
    private final String message;

    public RemoteRunCancelled(String job, String reason, String message) {
        this.job = job;
        this.reason = reason;
        this.message = message;
    }

    public String getJob() {
        return job;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String getShortDescription() {
        String why = message == null || message.isBlank() ? reason : message;
        return "Kubernetes Job " + job + " was stopped outside Jenkins" + (why == null || why.isBlank() ? ""
                : ": " + why);
    }
}
