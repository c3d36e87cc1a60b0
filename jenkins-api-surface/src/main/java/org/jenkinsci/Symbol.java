package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

/**
 * The short name of a describable in Pipeline and Configuration-as-Code (e.g. {@code mlPipeline}).
 *
 * <p>Checked against: jenkinsci/lib-symbol-annotation:src/main/java/org/jenkinsci/Symbol.java (meta-annotations
 * @Indexed, RUNTIME, target TYPE, @Documented; member String[] value() without default).
 */
@Indexed
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
