package hudson.security;

/**
 * An object guarded by permissions.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/security/AccessControlled.java (public interface; default void
 * checkPermission(Permission) throws org.springframework.security.access.AccessDeniedException, an unchecked
 * exception, so the throws clause is omitted here; the real abstract getACL() is not declared).
 */
public interface AccessControlled {
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
