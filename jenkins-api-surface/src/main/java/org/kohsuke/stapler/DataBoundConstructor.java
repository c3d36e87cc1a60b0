package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the constructor that binds the mandatory arguments of a step or a form.
 *
 * <p>Checked against: jenkinsci/stapler:core/src/main/java/org/kohsuke/stapler/DataBoundConstructor.java (RUNTIME, target CONSTRUCTOR, @Documented, no members).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.CONSTRUCTOR)
@Documented
public @interface DataBoundConstructor {
}
