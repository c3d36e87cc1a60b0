package hudson.tasks;

import hudson.model.Action;
import hudson.model.Run;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * Declared only to hold {@link FingerprintAction}, the build action that lists a build's fingerprinted files.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/tasks/Fingerprinter.java (public class Fingerprinter, a build step
 * whose supertypes and members are not declared here, with a private constructor so nothing calls it; nested
 * public static final class FingerprintAction implements RunAction2 with public FingerprintAction(Run,
 * Map&lt;String, String&gt; record), record going from file name to MD5 checksum, and public void
 * add(Map&lt;String, String&gt;), neither static; it implements getIconFileName, getDisplayName, getUrlName, onAttached
 * and onLoad, declared here because RunAction2 requires them).
 */
public class Fingerprinter {

    private Fingerprinter() {
    }

    /**
     * A build's record of fingerprinted files. Final in Jenkins, so test fakes cannot extend it: the constructor and
     * {@link #add} accept their arguments and keep nothing (only Jenkins reads or shows the record); the
     * {@link Action} methods throw.
     */
    public static final class FingerprintAction implements RunAction2 {

        public FingerprintAction(Run build, Map<String, String> record) {
        }

        public void add(Map<String, String> moreRecords) {
        }

        @Override
        public String getIconFileName() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        @Override
        public String getUrlName() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        @Override
        public void onAttached(Run<?, ?> r) {
        }

        @Override
        public void onLoad(Run<?, ?> r) {
        }
    }
}
