package org.jvnet.hudson.annotation_indexer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta-annotation: uses of the annotated annotation are listed in an index Jenkins reads at run time.
 *
 * <p>Checked against: jenkinsci/lib-annotation-indexer:src/main/java/org/jvnet/hudson/annotation_indexer/Indexed.java
 * (@Documented, RUNTIME, target ANNOTATION_TYPE; member Class&lt;? extends Validator&gt;[] validators() default {}).
 * The member is declared because annotation processors read it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface Indexed {
    Class<? extends Validator>[] validators() default {};
}
