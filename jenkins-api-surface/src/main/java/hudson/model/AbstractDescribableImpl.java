package hudson.model;

/**
 * Legacy base class of describables; still the superclass of Step and PodTemplate.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/AbstractDescribableImpl.java (public abstract class, generic
 * &lt;T extends AbstractDescribableImpl&lt;T&gt;&gt;, implements Describable&lt;T&gt;, no members, @Deprecated(since = "2.505")).
 */
@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
}
