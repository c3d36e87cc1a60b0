package hudson.model;

import java.io.Serializable;

/**
 * The outcome of a build. The five instances are plain objects, not compile-time constants, so the real ones are
 * used at run time; the fields below mirror the real order (SUCCESS best, ABORTED worst).
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Result.java (public final class implements Serializable; public static final
 * SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED with ordinals 0..4; private constructor; isWorseThan compares
 * ordinals; toString returns the name).
 */
public final class Result implements Serializable {

    public static final Result SUCCESS = new Result("SUCCESS", 0);
    public static final Result UNSTABLE = new Result("UNSTABLE", 1);
    public static final Result FAILURE = new Result("FAILURE", 2);
    public static final Result NOT_BUILT = new Result("NOT_BUILT", 3);
    public static final Result ABORTED = new Result("ABORTED", 4);

    private final String name;
    private final int ordinal;

    private Result(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    public boolean isWorseThan(Result that) {
        return this.ordinal > that.ordinal;
    }

    @Override
    public String toString() {
        return name;
    }

    // Keeps the instances unique when a test serializes a Result (the real class does the same).
    private Object readResolve() {
        for (Result r : new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED}) {
            if (r.ordinal == ordinal) {
                return r;
            }
        }
        return FAILURE;
    }
}
