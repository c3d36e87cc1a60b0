package jenkins.model;

import hudson.Launcher;
import hudson.model.Descriptor;
import hudson.model.FingerprintMap;
import hudson.model.Hudson;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.slaves.Cloud;
import hudson.util.DescribableList;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Jenkins controller singleton.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/Jenkins.java (public class, not final; public static Jenkins get() throws
 * IllegalStateException (unchecked); public Cloud getCloud(String); public String getRootUrl() throws
 * IllegalStateException; public static final Permission ADMINISTER, initialised from another field, so not a
 * compile-time constant; checkPermission comes from AccessControlled through the real superclass chain).
 *
 * <p>Also checked there: public final Hudson.CloudList clouds (the field's declared type is the legacy nested class);
 * public static class CloudList extends DescribableList&lt;Cloud, Descriptor&lt;Cloud&gt;&gt; with a public no-argument
 * constructor; protected Jenkins(File, jakarta.servlet.ServletContext) throws IOException, InterruptedException,
 * ReactorException (ReactorException is not on Maven Central and is left out; only Hudson's declaration calls it).
 *
 * <p>Also checked there: public static Jenkins getInstanceOrNull() (null while Jenkins is not running, which is the
 * case here, so it returns null); public static final Permission READ (a new Permission object); public
 * FingerprintMap getFingerprintMap(); public Launcher createLauncher(TaskListener) (declared in Jenkins, overriding
 * Node's abstract one); public File getRootDir(); public &lt;T extends Item&gt; T getItemByFullName(String, Class&lt;T&gt;)
 * (erasure returns Item; its throws clause names only Spring's unchecked AccessDeniedException); none final.
 *
 * <p>Also checked there, at HEAD and at tag jenkins-2.541.3: public static Authentication getAuthentication2()
 * (org.springframework.security.core.Authentication, annotated NonNull, no checked exception; the authentication of
 * the calling thread's SecurityContextHolder context, or ANONYMOUS2, an AnonymousAuthenticationToken with key and
 * principal "anonymous" and the single authority "anonymous", when the context holds none). It needs no running
 * Jenkins, so it behaves the same here; ANONYMOUS2 itself is not declared.
 */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = null;

    public static final Permission READ = null;

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("anonymous", "anonymous",
            Set.of(new SimpleGrantedAuthority("anonymous")));

    /** The configured clouds; {@code clouds.get(KubernetesCloud.class)} is the first Kubernetes cloud. */
    public final Hudson.CloudList clouds = null;

    protected Jenkins(File root, ServletContext context) throws IOException, InterruptedException {
    }

    public static class CloudList extends DescribableList<Cloud, Descriptor<Cloud>> {

        public CloudList() {
        }
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static Jenkins getInstanceOrNull() {
        return null;
    }

    public static Authentication getAuthentication2() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        return current != null ? current : ANONYMOUS;
    }

    public FingerprintMap getFingerprintMap() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Launcher createLauncher(TaskListener listener) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Cloud getCloud(String name) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
