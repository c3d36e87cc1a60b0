package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The controller's shared scheduler for short background tasks.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/util/Timer.java (public class; private constructor;
 * public static synchronized ScheduledExecutorService get()).
 */
public class Timer {

    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
