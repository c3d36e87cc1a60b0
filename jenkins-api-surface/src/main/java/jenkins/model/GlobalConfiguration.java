package jenkins.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * A section of the global "System" configuration page; it is its own descriptor.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/GlobalConfiguration.java (public abstract class extends
 * Descriptor&lt;GlobalConfiguration&gt; implements ExtensionPoint, Describable&lt;GlobalConfiguration&gt;;
 * protected GlobalConfiguration(); public final Descriptor&lt;GlobalConfiguration&gt; getDescriptor() returning this;
 * public static ExtensionList&lt;GlobalConfiguration&gt; all()).
 */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {

    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return this;
    }

    public static ExtensionList<GlobalConfiguration> all() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
