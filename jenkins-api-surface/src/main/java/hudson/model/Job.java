package hudson.model;

import hudson.ExtensionPoint;

/**
 * A buildable project.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Job.java (public abstract class, generic &lt;JobT extends Job&lt;JobT, RunT&gt;,
 * RunT extends Run&lt;JobT, RunT&gt;&gt;, implements ExtensionPoint; protected Job(ItemGroup, String); public RunT
 * getBuildByNumber(int); public RunT getLastBuild(); neither final) and
 * jenkinsci/jenkins:core/src/main/java/hudson/model/AbstractItem.java (the real superclass between Job and Actionable; implements Item;
 * public final String getFullName(); public final String getUrl(); public ItemGroup getParent()).
 *
 * <p>getFullName() is final in the real class, so a test fake cannot override it: it is computed here the way
 * Jenkins names items (parent's full name, "/", own name; just the name under the root). getUrl(), also final,
 * depends on the current HTTP request and the parents' URL prefixes in Jenkins, so it throws here.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Item, ExtensionPoint {

    private final ItemGroup<?> parent;
    private final String name;

    protected Job(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    @Override
    public final String getFullName() {
        String parentName = parent == null ? "" : parent.getFullName();
        return parentName == null || parentName.isEmpty() ? name : parentName + "/" + name;
    }

    public ItemGroup getParent() {
        return parent;
    }

    public final String getUrl() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
