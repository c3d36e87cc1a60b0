package hudson.util;

import java.util.AbstractList;

/**
 * A list that saves its owner when it changes; here only for finding an element by type.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/util/PersistedList.java (public class
 * PersistedList&lt;T&gt; extends AbstractList&lt;T&gt;; protected no-argument constructor; public &lt;U extends T&gt; U
 * get(Class&lt;U&gt;) returning the first element of that type or null).
 */
public class PersistedList<T> extends AbstractList<T> {

    protected PersistedList() {
    }

    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
