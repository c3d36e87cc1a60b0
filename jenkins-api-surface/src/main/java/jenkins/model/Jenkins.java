package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.slaves.Cloud;

/**
 * The Jenkins controller singleton.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/Jenkins.java (public class, not final; public static Jenkins get() throws
 * IllegalStateException (unchecked); public Cloud getCloud(String); public String getRootUrl() throws
 * IllegalStateException; public static final Permission ADMINISTER, initialised from another field, so not a
 * compile-time constant; checkPermission comes from AccessControlled through the real superclass chain).
 *
 * <p>The constructor is private: the real ones need a running servlet context, and only Jenkins makes itself.
 */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = null;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Cloud getCloud(String name) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
