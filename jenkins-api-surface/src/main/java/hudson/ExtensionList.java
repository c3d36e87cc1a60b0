package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;

/**
 * The registered instances of one extension type.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/ExtensionList.java (public class extends AbstractList&lt;T&gt;;
 * protected constructor (Jenkins, Class&lt;T&gt;); public static &lt;U&gt; U lookupSingleton(Class&lt;U&gt;)).
 */
public class ExtensionList<T> extends AbstractList<T> {

    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
    }

    public static <U> U lookupSingleton(Class<U> type) {
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
