package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

/**
 * Where a build step writes its log.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/TaskListener.java (public interface; abstract PrintStream getLogger(); the real
 * super-interface org.jenkinsci.remoting.SerializableOnlyOverRemoting extends java.io.Serializable, declared here as
 * Serializable directly).
 */
public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
