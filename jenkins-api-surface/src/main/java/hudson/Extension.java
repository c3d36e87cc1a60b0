package hudson;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Indexable;

/**
 * Marks an extension; Jenkins finds it through the SezPoz index that {@link Indexable} makes javac write.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/Extension.java (meta-annotations @Indexable, RUNTIME, targets TYPE/FIELD/METHOD,
 * @Documented; members ordinal, optional, dynamicLoadable and their defaults).
 */
@Indexable
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    @Deprecated
    boolean optional() default false;

    YesNoMaybe dynamicLoadable() default YesNoMaybe.MAYBE;
}
