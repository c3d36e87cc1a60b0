package io.jenkins.plugins.mlpipeline;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names one remote run: the Job's namespace, name and (once known) uid. Small and serializable so a Jenkins step
 * can persist it and re-attach after a controller restart; the uid guards against a Job of the same name that was
 * deleted and created again by someone else.
 */
public record RunRef(String namespace, String name, String uid) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RunRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public RunRef withUid(String newUid) {
        return new RunRef(namespace, name, newUid);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
