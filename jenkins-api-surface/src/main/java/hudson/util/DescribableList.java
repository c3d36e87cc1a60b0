package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * A persisted list of describables, e.g. the configured clouds.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/util/DescribableList.java (public class
 * DescribableList&lt;T extends Describable&lt;T&gt;, D extends Descriptor&lt;T&gt;&gt; extends PersistedList&lt;T&gt;; protected
 * no-argument constructor).
 */
public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {

    protected DescribableList() {
    }
}
