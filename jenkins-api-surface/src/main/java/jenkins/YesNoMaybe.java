package jenkins;

/**
 * Three-valued answer used by {@link hudson.Extension#dynamicLoadable()}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/YesNoMaybe.java (enum; constants YES, NO, MAYBE in that order).
 */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
