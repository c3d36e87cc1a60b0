package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.Actionable;
import hudson.model.Describable;
import hudson.security.AccessControlled;

/**
 * A configured source of agents (for us: a Kubernetes cluster), looked up by name.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/slaves/Cloud.java (public abstract class extends Actionable implements
 * ExtensionPoint, Describable&lt;Cloud&gt;, AccessControlled; public String name (not final);
 * protected Cloud(String); public String getDisplayName() returning the name).
 */
public abstract class Cloud extends Actionable implements ExtensionPoint, Describable<Cloud>, AccessControlled {

    public String name;

    protected Cloud(String name) {
        this.name = name;
    }

    public String getDisplayName() {
        return name;
    }
}
