package io.jenkins.plugins.mlpipeline.track;

/**
 * A Kubernetes {@code Warning} event concerning a run, reduced to what a build log shows.
 *
 * @param kind   kind of the involved object ({@code Pod} or {@code Job})
 * @param object name of the involved object
 * @param reason e.g. {@code FailedScheduling}, {@code BackOff}, {@code FailedMount}
 * @param message the event message as the emitting component wrote it
 * @param count how many times Kubernetes has seen it so far
 */
public record WarningEvent(String kind, String object, String reason, String message, int count) {

    /** One line for the build log. */
    public String toLogLine() {
        return "[ml] Warning " + reason + " (" + kind.toLowerCase(java.util.Locale.ROOT) + " " + object + "): " + message;
    }
}
