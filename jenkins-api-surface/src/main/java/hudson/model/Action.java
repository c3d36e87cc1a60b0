package hudson.model;

/**
 * Something attached to a model object, optionally shown as a link with its own page.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Action.java (public interface extends ModelObject; abstract getIconFileName,
 * getDisplayName, getUrlName, all returning String).
 */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
