package hudson;

import java.io.IOException;

/**
 * A failure Jenkins reports by its message alone, without a stack trace.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/AbortException.java (public class extends IOException; constructors () and (String)).
 */
public class AbortException extends IOException {

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
