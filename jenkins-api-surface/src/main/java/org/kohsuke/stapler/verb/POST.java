package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a web method to HTTP POST.
 *
 * <p>Checked against: jenkinsci/stapler:core/src/main/java/org/kohsuke/stapler/verb/POST.java (RUNTIME, target
 * METHOD, @Documented, no members; the real @InterceptorAnnotation meta-annotation is a Stapler internal and not
 * declared).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {
}
