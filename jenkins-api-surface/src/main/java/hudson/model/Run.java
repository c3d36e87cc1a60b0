package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.IOException;

/**
 * One build of a {@link Job}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Run.java (public abstract class, generic &lt;JobT extends Job&lt;JobT, RunT&gt;,
 * RunT extends Run&lt;JobT, RunT&gt;&gt;, extends Actionable, implements ExtensionPoint and AccessControlled among others;
 * protected Run(JobT) throws IOException; String getExternalizableId(); String getUrl(); int getNumber();
 * JobT getParent(); String getFullDisplayName(); synchronized void save() throws IOException; none final).
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, AccessControlled {

    private final transient JobT project;

    protected Run(JobT job) throws IOException {
        this.project = job;
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public JobT getParent() {
        return project;
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
