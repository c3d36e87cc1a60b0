package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/**
 * Adds actions to model objects of one type (e.g. every Job) without storing them.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/TransientActionFactory.java (public abstract class, generic
 * &lt;T&gt;, implements ExtensionPoint, implicit public constructor; public abstract Class&lt;T&gt; type(); public
 * Class&lt;? extends Action&gt; actionType(), not abstract, returning Action.class; public abstract
 * Collection&lt;? extends Action&gt; createFor(T)). Behaves like the real one for these members.
 */
public abstract class TransientActionFactory<T> implements ExtensionPoint {

    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        return Action.class;
    }

    public abstract Collection<? extends Action> createFor(T target);
}
