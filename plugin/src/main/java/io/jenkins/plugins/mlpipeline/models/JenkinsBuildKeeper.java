package io.jenkins.plugins.mlpipeline.models;

import hudson.model.Run;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.util.Timer;

/**
 * {@link BuildKeeper} through {@code Run.keepLog}. Both {@code Run.fromExternalizableId} and {@code keepLog} check
 * permissions of the calling thread's authentication; the step threads carry none, so the calls run on Jenkins'
 * {@code Timer}, whose tasks run as SYSTEM: the registry keeps builds on behalf of Jenkins, not of a user.
 */
final class JenkinsBuildKeeper implements BuildKeeper {

    private static final long TIMEOUT_SECONDS = 60;

    @Override
    public boolean keep(String buildId) throws IOException, InterruptedException {
        return asSystem(() -> {
            Run<?, ?> run = find(buildId);
            if (run == null || run.isKeepLog()) {
                return false;
            }
            run.keepLog(true);
            return true;
        });
    }

    @Override
    public void release(String buildId) throws IOException, InterruptedException {
        asSystem(() -> {
            Run<?, ?> run = find(buildId);
            if (run != null && run.isKeepLog()) {
                run.keepLog(false);
            }
            return null;
        });
    }

    private static Run<?, ?> find(String buildId) {
        try {
            return Run.fromExternalizableId(buildId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> T asSystem(Callable<T> call) throws IOException, InterruptedException {
        try {
            return Timer.get().submit(call).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("keeping or releasing a build took longer than " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
