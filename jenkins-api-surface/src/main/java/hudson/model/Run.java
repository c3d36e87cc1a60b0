package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import jenkins.model.ArtifactManager;

/**
 * One build of a {@link Job}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Run.java (public abstract class, generic &lt;JobT extends Job&lt;JobT, RunT&gt;,
 * RunT extends Run&lt;JobT, RunT&gt;&gt;, extends Actionable, implements ExtensionPoint and AccessControlled among others;
 * protected Run(JobT) throws IOException, which sets the timestamp to the current time;
 * protected long timestamp (a field, not final); String getExternalizableId(); String getUrl(); int getNumber();
 * JobT getParent(); String getFullDisplayName(); synchronized void save() throws IOException;
 * Result getResult(); boolean isBuilding(); File getRootDir(); void keepLog(boolean) throws IOException;
 * static Run&lt;?, ?&gt; fromExternalizableId(String), whose throws clause names only unchecked exceptions
 * (IllegalArgumentException, Spring's AccessDeniedException); none of those final. Final:
 * boolean isKeepLog(); long getTimeInMillis(); ArtifactManager getArtifactManager();
 * synchronized ArtifactManager pickArtifactManager() throws IOException; and, checked at tag jenkins-2.541.3,
 * public &lt;T extends Cause&gt; T getCause(Class&lt;T&gt;), not final).
 *
 * <p>The final members cannot be overridden by a test fake, so they behave here as in Jenkins where that needs no
 * Jenkins: getTimeInMillis() returns {@link #timestamp}; isKeepLog() returns what keepLog(boolean) last set (the real
 * keepLog(boolean) also checks the UPDATE or DELETE permission and saves the build). The artifact managers exist
 * only inside Jenkins, so those two throw.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, AccessControlled {

    private final transient JobT project;

    protected long timestamp;

    private boolean keepLog;

    protected Run(JobT job) throws IOException {
        this.project = job;
        this.timestamp = System.currentTimeMillis();
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public JobT getParent() {
        return project;
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public final long getTimeInMillis() {
        return timestamp;
    }

    public final boolean isKeepLog() {
        return keepLog;
    }

    public void keepLog(boolean newValue) throws IOException {
        keepLog = newValue;
    }

    public final ArtifactManager getArtifactManager() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public final synchronized ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
