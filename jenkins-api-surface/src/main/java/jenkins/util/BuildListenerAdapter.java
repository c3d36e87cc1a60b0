package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

/**
 * Presents a {@link TaskListener} (what a Pipeline step has) as a {@link BuildListener} (what older APIs take).
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/util/BuildListenerAdapter.java (public final class implements
 * BuildListener; public BuildListenerAdapter(TaskListener); getLogger() returns the delegate's logger;
 * public static BuildListener wrap(TaskListener) returns its argument when that already is a BuildListener,
 * otherwise a new adapter). Behaves like the real one for these members.
 */
public final class BuildListenerAdapter implements BuildListener {

    private final TaskListener delegate;

    public BuildListenerAdapter(TaskListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public PrintStream getLogger() {
        return delegate.getLogger();
    }

    public static BuildListener wrap(TaskListener listener) {
        return listener instanceof BuildListener buildListener ? buildListener : new BuildListenerAdapter(listener);
    }
}
