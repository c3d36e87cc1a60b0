package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Job condition types, reasons and messages (k8s staging/src/k8s.io/api/batch/v1/types.go,
 * pkg/controller/job/job_controller.go) and the controller's way of setting them.
 */
final class JobConditions {

    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";
    static final String FAILURE_TARGET = "FailureTarget";
    static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    static final String SUSPENDED = "Suspended";

    static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    static final String BACKOFF_LIMIT_MESSAGE = "Job has reached the specified backoff limit";
    static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    static final String DEADLINE_MESSAGE = "Job was active longer than specified deadline";
    static final String COMPLETIONS_REACHED = "CompletionsReached";
    static final String COMPLETIONS_MESSAGE = "Reached expected number of succeeded pods";

    private JobConditions() {
    }

    static JobCondition create(String type, String status, String reason, String message, String now) {
        JobCondition condition = new JobCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setLastProbeTime(now);
        condition.setLastTransitionTime(now);
        return condition;
    }

    static JobCondition find(JobStatus status, String type) {
        if (status.getConditions() == null) {
            return null;
        }
        for (JobCondition condition : status.getConditions()) {
            if (type.equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }

    static JobCondition findTrue(JobStatus status, String type) {
        JobCondition condition = find(status, type);
        return condition != null && "True".equals(condition.getStatus()) ? condition : null;
    }

    static boolean isFinished(JobStatus status) {
        return findTrue(status, COMPLETE) != null || findTrue(status, FAILED) != null;
    }

    static void append(JobStatus status, JobCondition condition) {
        List<JobCondition> conditions = status.getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(status.getConditions());
        conditions.add(condition);
        status.setConditions(conditions);
    }

    /**
     * Like the controller's {@code ensureJobConditionStatus}: updates an existing condition whose status differs,
     * appends a missing one only when it is True. Returns whether anything changed.
     */
    static boolean ensure(JobStatus status, String type, String value, String reason, String message, String now) {
        JobCondition existing = find(status, type);
        if (existing == null) {
            if (!"True".equals(value)) {
                return false;
            }
            append(status, create(type, value, reason, message, now));
            return true;
        }
        if (value.equals(existing.getStatus())) {
            return false;
        }
        existing.setStatus(value);
        existing.setReason(reason);
        existing.setMessage(message);
        existing.setLastProbeTime(now);
        existing.setLastTransitionTime(now);
        return true;
    }
}
