package hudson.model;

/**
 * Why a build was started.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Cause.java (at tag jenkins-2.541.3: public
 * abstract class, no declared constructor, so a public no-argument one; public abstract String
 * getShortDescription(); nested public static class UserIdCause extends Cause with public constructors () and
 * (String) and public String getUserId(), none final).
 */
public abstract class Cause {

    public abstract String getShortDescription();

    /** The user who started the build, as Jenkins records it when someone presses "Build Now". */
    public static class UserIdCause extends Cause {

        private final String userId;

        public UserIdCause() {
            throw new UnsupportedOperationException("compile-only surface: needs the current Jenkins user");
        }

        /** As in Jenkins: null when the user is unknown. */
        public UserIdCause(String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            return "Started by user " + userId;
        }
    }
}
