package io.jenkins.plugins.mlpipeline.action;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the build remembers of one training run: plain fields, saved by XStream with the build. */
public final class RunRecord {

    final String cloud;
    final String namespace;
    final String name;
    private String uid;
    private String status;
    private String reason;
    private String message;
    private LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();

    RunRecord(String cloud, String namespace, String name) {
        this.cloud = cloud;
        this.namespace = namespace;
        this.name = name;
    }

    void update(String newUid, String newStatus, String newReason, String newMessage, Map<String, Double> newMetrics) {
        if (newUid != null) {
            uid = newUid;
        }
        status = newStatus;
        reason = newReason;
        message = newMessage;
        if (newMetrics != null) {
            metrics = new LinkedHashMap<>(newMetrics);
        }
    }

    RunRecord copy() {
        RunRecord c = new RunRecord(cloud, namespace, name);
        c.update(uid, status, reason, message, metrics);
        return c;
    }

    public String getCloud() {
        return cloud;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public String getUid() {
        return uid;
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public String getMessage() {
        return message;
    }

    public Map<String, Double> getMetrics() {
        return metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
    }
}
