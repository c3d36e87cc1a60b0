package io.jenkins.plugins.mlpipeline.testkit.logs;

import java.time.Instant;

/** One line a container wrote (without its newline) and when the runtime received it. */
public record LogLine(Instant time, String text) {
}
