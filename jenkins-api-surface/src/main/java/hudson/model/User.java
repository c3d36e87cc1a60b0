package hudson.model;

import hudson.security.AccessControlled;

/**
 * A Jenkins user account.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/User.java (public class, not final, implements AccessControlled
 * among others, extends AbstractModelObject (not declared here); private constructors; public static User current()
 * (null only for anonymous; in a thread running as SYSTEM it looks up, creating on demand, a
 * user named after that authentication); public String getId(); public String getFullName(); neither final).
 *
 * <p>Users exist only inside Jenkins, so the constructor is private and every member throws.
 */
public class User implements AccessControlled {

    private User() {
    }

    public static User current() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getFullName() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
