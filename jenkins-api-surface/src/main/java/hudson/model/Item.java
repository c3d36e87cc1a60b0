package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * A named item (job, folder) in the Jenkins item tree.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Item.java (public interface; extends AccessControlled among others;
 * String getFullName(); the Permission constants CONFIGURE, READ and BUILD are interface fields, so public static final,
 * each initialised with a new Permission object, not a compile-time constant).
 *
 * <p>The constants are null here: a Permission is only made inside Jenkins.
 */
public interface Item extends AccessControlled {

    Permission CONFIGURE = null;

    Permission READ = null;

    Permission BUILD = null;

    String getFullName();
}
