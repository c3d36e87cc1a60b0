package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a web method parameter to an HTTP query parameter.
 *
 * <p>Checked against: jenkinsci/stapler:core/src/main/java/org/kohsuke/stapler/QueryParameter.java (RUNTIME, target PARAMETER, @Documented; members value() default "",
 * required() default false, fixEmpty() default false; the real @InjectedParameter meta-annotation and nested
 * HandlerImpl are Stapler internals and not declared).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
