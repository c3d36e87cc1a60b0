package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.mlpipeline.testkit.Faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Decides, per incoming request, whether a fault applies, and breaks open connections on demand. */
public final class FaultInjector implements Faults {

    /** What to do with a request: answer with {@code error} (if not null) after waiting {@code delay}. */
    public record Verdict(MockResponse error, Duration delay) {
        static final Verdict PASS = new Verdict(null, Duration.ZERO);
    }

    private final Clock clock;
    private final WatchRegistry watches;
    private final Runnable dropLogStreams;
    private final Runnable dropExecStreams;
    private final AtomicInteger unauthorizedLeft = new AtomicInteger();
    private final Set<String> rejectedTokens = ConcurrentHashMap.newKeySet();
    private volatile Instant serverErrorsUntil = Instant.MIN;
    private volatile Instant slowUntil = Instant.MIN;
    private volatile Duration slowDelay = Duration.ZERO;
    private volatile boolean watchesBlocked;
    private volatile boolean execForbidden;

    public FaultInjector(Clock clock, WatchRegistry watches, Runnable dropLogStreams, Runnable dropExecStreams) {
        this.clock = clock;
        this.watches = watches;
        this.dropLogStreams = dropLogStreams;
        this.dropExecStreams = dropExecStreams;
    }

    /**
     * @param authorization value of the Authorization header, or {@code null}
     */
    public Verdict check(String authorization, boolean watch) {
        if (authorization != null && authorization.startsWith("Bearer ")
                && rejectedTokens.contains(authorization.substring("Bearer ".length()).trim())) {
            return new Verdict(Statuses.unauthorized(), Duration.ZERO);
        }
        if (unauthorizedLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return new Verdict(Statuses.unauthorized(), Duration.ZERO);
        }
        Instant now = clock.instant();
        if (now.isBefore(serverErrorsUntil)) {
            return new Verdict(Statuses.internalError("the emulator injects server errors"), Duration.ZERO);
        }
        if (watch && watchesBlocked) {
            return new Verdict(Statuses.serviceUnavailable("watches are blocked by the emulator"), Duration.ZERO);
        }
        if (now.isBefore(slowUntil)) {
            return new Verdict(null, slowDelay);
        }
        return Verdict.PASS;
    }

    @Override
    public void dropWatches() {
        watches.dropAll();
    }

    @Override
    public void expireWatches() {
        watches.expireAll();
    }

    @Override
    public void unauthorized(int nextRequests) {
        if (nextRequests < 0) {
            throw new IllegalArgumentException("nextRequests must be >= 0, was " + nextRequests);
        }
        unauthorizedLeft.set(nextRequests);
    }

    @Override
    public void rejectToken(String token) {
        rejectedTokens.add(Objects.requireNonNull(token, "token"));
    }

    @Override
    public void clearRejectedTokens() {
        rejectedTokens.clear();
    }

    @Override
    public void serverErrors(Duration during) {
        serverErrorsUntil = clock.instant().plus(requirePositive(during, "during"));
    }

    @Override
    public void slow(Duration delayPerResponse, Duration during) {
        slowDelay = requirePositive(delayPerResponse, "delayPerResponse");
        slowUntil = clock.instant().plus(requirePositive(during, "during"));
    }

    @Override
    public void blockWatches(boolean blocked) {
        watchesBlocked = blocked;
    }

    @Override
    public void dropLogStreams() {
        dropLogStreams.run();
    }

    @Override
    public void forbidExec(boolean forbidden) {
        execForbidden = forbidden;
    }

    /** Whether exec requests are to be refused (see {@link #forbidExec}). */
    public boolean execForbidden() {
        return execForbidden;
    }

    @Override
    public void dropExecStreams() {
        dropExecStreams.run();
    }

    @Override
    public void clear() {
        unauthorizedLeft.set(0);
        rejectedTokens.clear();
        serverErrorsUntil = Instant.MIN;
        slowUntil = Instant.MIN;
        watchesBlocked = false;
        execForbidden = false;
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
        return duration;
    }
}
