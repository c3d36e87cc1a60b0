package hudson;

/**
 * Marker for types that can be contributed as extensions.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/ExtensionPoint.java (public interface, no abstract methods).
 */
public interface ExtensionPoint {
}
