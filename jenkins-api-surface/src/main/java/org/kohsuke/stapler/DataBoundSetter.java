package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a setter (or field) that binds an optional argument of a step or a form.
 *
 * <p>Checked against: jenkinsci/stapler:core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java (RUNTIME, targets METHOD and FIELD, @Documented, no members).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {
}
