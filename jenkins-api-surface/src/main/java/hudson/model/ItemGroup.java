package hudson.model;

/**
 * A container of items (Jenkins itself, a folder).
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/ItemGroup.java (public interface, generic &lt;T extends Item&gt;) and
 * jenkinsci/jenkins:core/src/main/java/jenkins/model/FullyNamed.java (String getFullName(), inherited by ItemGroup).
 */
public interface ItemGroup<T extends Item> {
    String getFullName();
}
