package hudson.model;

import hudson.security.AccessControlled;

/**
 * A named item (job, folder) in the Jenkins item tree.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Item.java (public interface; extends AccessControlled among others;
 * String getFullName()).
 */
public interface Item extends AccessControlled {
    String getFullName();
}
