package io.jenkins.plugins.mlpipeline.demo.pipeline;

import groovy.lang.GroovyObjectSupport;

/**
 * {@code env} of a Jenkinsfile: reads the environment the current stage sees (build variables, the
 * {@code environment} directives, {@code WORKSPACE} inside a node); an unset variable reads as null. Assignments set
 * a build-wide variable, as {@code env.X = ...} does in Pipeline.
 */
public final class EnvAccess extends GroovyObjectSupport {

    private final BuildState build;

    EnvAccess(BuildState build) {
        this.build = build;
    }

    @Override
    public Object getProperty(String name) {
        Frame f = Frame.currentOrNull();
        return f != null ? f.env().get(name) : build.getEnv(name);
    }

    @Override
    public void setProperty(String name, Object value) {
        build.putEnv(name, value == null ? null : value.toString());
    }

    public Object getAt(String name) {
        return getProperty(name);
    }

    public void putAt(String name, Object value) {
        setProperty(name, value);
    }

    @Override
    public String toString() {
        Frame f = Frame.currentOrNull();
        return String.valueOf(f != null ? f.env() : build.envSnapshot());
    }
}
