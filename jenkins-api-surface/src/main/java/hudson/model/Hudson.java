package hudson.model;

import jakarta.servlet.ServletContext;
import jenkins.model.Jenkins;

/**
 * The legacy name of the controller class; declared because {@code Jenkins.clouds} is typed with its nested
 * {@link CloudList}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Hudson.java (public class Hudson extends
 * Jenkins; public static class CloudList extends Jenkins.CloudList with a public no-argument constructor;
 * public constructor (File, jakarta.servlet.ServletContext), whose real throws clause also names ReactorException,
 * a class not on Maven Central; the plugin never calls it).
 */
public class Hudson extends Jenkins {

    public Hudson(java.io.File root, ServletContext context) throws java.io.IOException, InterruptedException {
        super(root, context);
    }

    public static class CloudList extends Jenkins.CloudList {

        public CloudList() {
        }
    }
}
