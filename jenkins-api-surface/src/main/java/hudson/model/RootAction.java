package hudson.model;

import hudson.ExtensionPoint;

/**
 * An action shown at the top level of Jenkins (its own page under the root URL).
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/RootAction.java (public interface extends Action, ExtensionPoint;
 * no abstract methods of its own; its default methods getBadge() and isPrimaryAction() are not declared here, and an
 * implementation inherits Jenkins' defaults).
 */
public interface RootAction extends Action, ExtensionPoint {
}
