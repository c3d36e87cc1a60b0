package jenkins.model;

import hudson.model.TaskListener;
import java.io.Serializable;

/**
 * Why a build was interrupted; printed to the build log and kept on the build.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/CauseOfInterruption.java (public abstract class implements Serializable;
 * public abstract String getShortDescription(); public void print(TaskListener) printing the short description as
 * one line to the listener's logger).
 */
public abstract class CauseOfInterruption implements Serializable {

    public abstract String getShortDescription();

    public void print(TaskListener listener) {
        listener.getLogger().println(getShortDescription());
    }
}
