package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/**
 * An action told when it is attached to a build and when the build is loaded from disk.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/RunAction2.java (public interface extends Action;
 * void onAttached(Run&lt;?, ?&gt;); void onLoad(Run&lt;?, ?&gt;)).
 */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
