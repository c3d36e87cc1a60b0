package hudson.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Jenkins' access control list; the plugin uses only its static helpers for running code as an authentication.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/security/ACL.java (public abstract class, same at
 * HEAD and at tag jenkins-2.541.3; public static final org.springframework.security.core.Authentication SYSTEM2,
 * a UsernamePasswordAuthenticationToken with principal and credentials "SYSTEM" made when the class initialises, so
 * not a compile-time constant; public static ACLContext as2(Authentication), annotated NonNull, no checked
 * exception: it keeps the calling thread's SecurityContextHolder context in the returned ACLContext and installs a
 * new context holding the given authentication). The real installs Jenkins' own NonSerializableSecurityContext,
 * which is not on Maven Central; Spring's SecurityContextImpl stands in here. The abstract permission methods are
 * not declared.
 */
public abstract class ACL {

    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    public static ACLContext as2(Authentication auth) {
        ACLContext restore = new ACLContext(SecurityContextHolder.getContext());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        return restore;
    }
}
