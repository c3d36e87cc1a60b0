package hudson.model;

/**
 * The listener type that {@code ArtifactManager.archive} takes.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/BuildListener.java (public interface extends TaskListener; no
 * abstract methods; its default methods started(List&lt;Cause&gt;) and finished(Result) are not declared here).
 */
public interface BuildListener extends TaskListener {
}
