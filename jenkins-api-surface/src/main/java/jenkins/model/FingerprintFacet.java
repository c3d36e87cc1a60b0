package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Fingerprint;

/**
 * Extra, plugin-defined data attached to a {@link Fingerprint} and saved with it.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/model/FingerprintFacet.java (public abstract class implements
 * ExtensionPoint, no abstract methods; protected FingerprintFacet(Fingerprint, long timestamp); public Fingerprint
 * getFingerprint(); public long getTimestamp(); neither final; the fingerprint is kept in a transient field and the
 * timestamp in a final one). Behaves like the real one for these members.
 */
public abstract class FingerprintFacet implements ExtensionPoint {

    private transient Fingerprint fingerprint;

    private final long timestamp;

    protected FingerprintFacet(Fingerprint fingerprint, long timestamp) {
        this.fingerprint = fingerprint;
        this.timestamp = timestamp;
    }

    public Fingerprint getFingerprint() {
        return fingerprint;
    }

    public long getTimestamp() {
        return timestamp;
    }
}
