package hudson.model;

/**
 * Metadata and configuration holder for a {@link Describable} type.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Descriptor.java (public abstract class, generic &lt;T extends Describable&lt;T&gt;&gt;;
 * protected constructors (Class&lt;? extends T&gt;) and (); public String getDisplayName() (not abstract);
 * public String getId(); public synchronized void save() and load(), neither with a checked exception).
 *
 * <p>save() and load() do nothing here: persistence exists only inside a running Jenkins, and tests construct
 * descriptors (a GlobalConfiguration calls load() in its constructor) outside one.
 */
public abstract class Descriptor<T extends Describable<T>> {

    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        return null;
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public synchronized void save() {
    }

    public synchronized void load() {
    }
}
