package io.jenkins.plugins.mlpipeline.action;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of the "ML Runs" page, every value already a display string. Nothing here escapes HTML: the Jelly view
 * renders each value with escape-by-default, and escaping twice would show {@code &amp;lt;} to users.
 */
public final class RunRow {

    private final RunRecord record;

    RunRow(RunRecord record) {
        this.record = record;
    }

    /** {@code namespace/name}, the id mlSensor accepts. */
    public String getJob() {
        return record.getNamespace() + "/" + record.getName();
    }

    public String getCloud() {
        return orDash(record.getCloud());
    }

    public String getUid() {
        return orDash(record.getUid());
    }

    public String getStatus() {
        return orDash(record.getStatus());
    }

    /** The short reason, e.g. OOMKilled; a dash when there is none. */
    public String getReason() {
        return orDash(record.getReason());
    }

    /** The first line of the verdict's message: failure messages quote log lines below it. */
    public String getMessage() {
        String message = record.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The last value of each metric, {@code loss=0.25, acc=0.91}, in the order they were first reported. */
    public String getMetrics() {
        Map<String, Double> metrics = record.getMetrics();
        if (metrics.isEmpty()) {
            return "-";
        }
        return metrics.entrySet().stream().map(e -> e.getKey() + "=" + number(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A CSS class for the status badge; only ever one of a fixed set, never user text. */
    public String getStatusClass() {
        String status = record.getStatus() == null ? "" : record.getStatus();
        return switch (status) {
            case "SUCCEEDED" -> "ml-status-success";
            case "FAILED" -> "ml-status-failure";
            case "CANCELLED" -> "ml-status-aborted";
            default -> "ml-status-running";
        };
    }

    private static String number(Double value) {
        if (value == null) {
            return "?";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf(value.longValue());
        }
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1");
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
