package hudson.security;

/**
 * A permission checked before a privileged operation (e.g. {@code Jenkins.ADMINISTER}).
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/security/Permission.java (public final class). No member is declared: the plugin
 * only passes the real instances around; the private constructor keeps code from making its own.
 */
public final class Permission {

    private Permission() {
    }
}
