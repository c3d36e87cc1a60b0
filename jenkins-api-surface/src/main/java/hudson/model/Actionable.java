package hudson.model;

/**
 * A model object that carries {@link Action}s.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Actionable.java (public abstract class; void addAction(Action);
 * &lt;T extends Action&gt; T getAction(Class&lt;T&gt;); boolean addOrReplaceAction(Action)).
 */
public abstract class Actionable {

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
