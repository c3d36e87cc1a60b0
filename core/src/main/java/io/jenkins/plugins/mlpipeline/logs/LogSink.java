package io.jenkins.plugins.mlpipeline.logs;

/**
 * Receives the followed log, one line at a time, in order, from a single thread at a time: the container's lines
 * without their timestamp prefix and the follower's own {@code [ml] ...} header and notice lines.
 */
@FunctionalInterface
public interface LogSink {

    /** One line, without its line terminator. */
    void line(String text);
}
