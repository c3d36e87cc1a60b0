package hudson;

import java.util.TreeMap;

/**
 * Environment variables of a build or step; a step reads its own with {@code StepContext.get(EnvVars.class)}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/EnvVars.java (public class extends
 * TreeMap&lt;String, String&gt;; public no-argument constructor; lookups are the inherited Map methods).
 */
public class EnvVars extends TreeMap<String, String> {

    private static final long serialVersionUID = 4320331661987259022L;

    public EnvVars() {
    }
}
