package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/**
 * Compile-time check run on each use of an {@link Indexed} annotation; only here as the type of
 * {@link Indexed#validators()}.
 *
 * <p>Checked against: jenkinsci/lib-annotation-indexer:src/main/java/org/jvnet/hudson/annotation_indexer/Validator.java
 * (public interface; void check(Element, RoundEnvironment, ProcessingEnvironment)).
 */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
