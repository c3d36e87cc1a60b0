package hudson.model;

/**
 * An object configured through a {@link Descriptor}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Describable.java (public interface, generic &lt;T extends Describable&lt;T&gt;&gt;;
 * default Descriptor&lt;T&gt; getDescriptor()).
 */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
