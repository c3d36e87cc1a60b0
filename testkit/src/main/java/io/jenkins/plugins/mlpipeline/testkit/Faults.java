package io.jenkins.plugins.mlpipeline.testkit;

import java.time.Duration;

/**
 * Failures the emulated API server can inject, to test how clients recover. Faults apply to HTTP requests from
 * clients only; the simulated control plane keeps working.
 */
public interface Faults {

    /** Closes every open watch (close code 1011); clients re-watch from their last resourceVersion. */
    void dropWatches();

    /** Sends every open watch an ERROR event with a 410 Expired Status and closes it; clients must relist. */
    void expireWatches();

    /** Answers the next {@code nextRequests} requests with 401 Unauthorized. */
    void unauthorized(int nextRequests);

    /** Answers 401 to every request bearing {@code Authorization: Bearer <token>} until cleared. */
    void rejectToken(String token);

    void clearRejectedTokens();

    /** Answers every request with 500 Internal Server Error for the given time. */
    void serverErrors(Duration during);

    /** Delays every response by {@code delayPerResponse} for requests arriving within {@code during}. */
    void slow(Duration delayPerResponse, Duration during);

    /** While blocked, new watch requests fail with 503 (open watches are not affected). */
    void blockWatches(boolean blocked);

    /** Abruptly closes the connection of every open {@code follow=true} log stream. */
    void dropLogStreams();

    /**
     * Abruptly closes the connection of every exec in progress (no exit status, no close frame), as an interrupted
     * collection of outputs would see it.
     */
    void dropExecStreams();

    /**
     * While on, every pods/exec request is refused with 403 Forbidden before the upgrade, as the API server does when
     * the caller's Role lacks {@code pods/exec}.
     */
    void forbidExec(boolean forbidden);

    /** Ends every fault at once. */
    void clear();
}
