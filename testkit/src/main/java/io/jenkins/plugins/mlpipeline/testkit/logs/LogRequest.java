package io.jenkins.plugins.mlpipeline.testkit.logs;

import io.jenkins.plugins.mlpipeline.testkit.apiserver.RequestPath;
import io.jenkins.plugins.mlpipeline.testkit.apiserver.Timestamps;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of a {@code pods/{name}/log} request ({@code PodLogOptions}), validated like the real API server.
 *
 * @param since first instant to include, or {@code null}; {@code sinceTime} is cut to whole seconds because the API
 *              server forwards it to the kubelet formatted as RFC 3339 without fraction
 */
record LogRequest(String container, boolean follow, boolean timestamps, boolean previous, Instant since,
        Integer tailLines, Long limitBytes) {

    /** A validation failure of the options; {@code invalid} means 422 rather than 400. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean invalid;

        Rejected(String message, boolean invalid) {
            super(message);
            this.invalid = invalid;
        }
    }

    static LogRequest parse(RequestPath path, Instant now) throws Rejected {
        List<String> errors = new ArrayList<>();
        Instant since = null;
        String sinceTime = path.param("sinceTime");
        String sinceSeconds = path.param("sinceSeconds");
        if (sinceTime != null) {
            Instant parsed = Timestamps.parse(sinceTime);
            if (parsed == null) {
                throw new Rejected("parsing time \"" + sinceTime + "\" as RFC 3339: cannot parse", false);
            }
            since = parsed.truncatedTo(ChronoUnit.SECONDS);
        }
        if (sinceSeconds != null) {
            long seconds = parseLong(sinceSeconds, "sinceSeconds");
            if (seconds < 1) {
                errors.add("sinceSeconds: Invalid value: " + seconds + ": must be greater than 0");
            }
            if (sinceTime != null) {
                errors.add("sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified");
            }
            since = now.minusSeconds(seconds);
        }
        Integer tailLines = null;
        if (path.param("tailLines") != null) {
            long tail = parseLong(path.param("tailLines"), "tailLines");
            if (tail < 0) {
                errors.add("tailLines: Invalid value: " + tail + ": must be greater than or equal to 0");
            }
            tailLines = (int) Math.min(Integer.MAX_VALUE, tail);
        }
        Long limitBytes = null;
        if (path.param("limitBytes") != null) {
            limitBytes = parseLong(path.param("limitBytes"), "limitBytes");
            if (limitBytes < 1) {
                errors.add("limitBytes: Invalid value: " + limitBytes + ": must be greater than 0");
            }
        }
        if (!errors.isEmpty()) {
            throw new Rejected(String.join(", ", errors), true);
        }
        return new LogRequest(path.param("container"), path.flag("follow"), path.flag("timestamps"),
                path.flag("previous"), since, tailLines, limitBytes);
    }

    private static long parseLong(String value, String name) throws Rejected {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Rejected(name + ": Invalid value: \"" + value + "\": must be an integer", false);
        }
    }

    /** The lines a non-follow request (or the backlog of a follow request) returns: tail first, then since. */
    List<LogLine> select(List<LogLine> all) {
        List<LogLine> tail = tailLines == null || tailLines >= all.size() ? all
                : all.subList(all.size() - tailLines, all.size());
        List<LogLine> selected = new ArrayList<>(tail.size());
        for (LogLine line : tail) {
            if (includes(line)) {
                selected.add(line);
            }
        }
        return selected;
    }

    boolean includes(LogLine line) {
        return since == null || !line.time().isBefore(since);
    }

    String render(LogLine line) {
        return timestamps ? Timestamps.nanos(line.time()) + " " + line.text() + "\n" : line.text() + "\n";
    }
}
