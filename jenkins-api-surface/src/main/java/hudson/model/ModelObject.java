package hudson.model;

/**
 * An object with a human-readable name.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/ModelObject.java (public interface; String getDisplayName()).
 */
public interface ModelObject {
    String getDisplayName();
}
