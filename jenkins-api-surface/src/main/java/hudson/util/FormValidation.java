package hudson.util;

import java.io.IOException;

/**
 * The answer of a form field check ({@code doCheck...} web method): ok, warning or error, with a message.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/util/FormValidation.java (public abstract class extends IOException; nested
 * public enum Kind {OK, WARNING, ERROR}; public final Kind kind; private constructors; public static FormValidation
 * ok(), ok(String), error(String), warning(String)). The real class also implements Stapler's HttpResponse (not
 * declared). The factories build a plain instance carrying kind and message so that checks can be tested; unlike the real
 * ones they keep the message verbatim (the real factories HTML-escape it with hudson.Util.escape).
 */
public abstract class FormValidation extends IOException {

    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return new Plain(Kind.OK, null);
    }

    public static FormValidation ok(String message) {
        return new Plain(Kind.OK, message);
    }

    public static FormValidation error(String message) {
        return new Plain(Kind.ERROR, message);
    }

    public static FormValidation warning(String message) {
        return new Plain(Kind.WARNING, message);
    }

    // The real factories return private subclasses too; this one only carries kind and message.
    private static final class Plain extends FormValidation {
        Plain(Kind kind, String message) {
            super(kind, message);
        }
    }
}
