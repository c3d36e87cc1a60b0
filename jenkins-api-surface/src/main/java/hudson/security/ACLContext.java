package hudson.security;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What {@link ACL#as2} returns: closing it puts back the security context the thread had before.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/security/ACLContext.java (public class, not final,
 * implements AutoCloseable, same at HEAD and at tag jenkins-2.541.3; package-private constructor taking the previous
 * org.springframework.security.core.context.SecurityContext, called only by ACL; public void close() with no throws
 * clause, which sets that context back on SecurityContextHolder). getPreviousContext2() is not declared.
 */
public class ACLContext implements AutoCloseable {

    private final SecurityContext previous;

    ACLContext(SecurityContext previous) {
        this.previous = previous;
    }

    @Override
    public void close() {
        SecurityContextHolder.setContext(previous);
    }
}
