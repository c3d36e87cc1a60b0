package jenkins.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;

/**
 * A file or directory in some storage (an artifact archive, a workspace), read through a uniform API.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/jenkins/util/VirtualFile.java (public abstract class implements
 * Comparable&lt;VirtualFile&gt;, Serializable, with an implicit public constructor. Abstract, no throws clause:
 * String getName(), URI toURI(), VirtualFile getParent(), VirtualFile child(String). Abstract, throws IOException:
 * boolean isDirectory(), boolean isFile(), boolean exists(), VirtualFile[] list(), long length(),
 * long lastModified(), boolean canRead(), InputStream open(). Final: compareTo (names compared ignoring case),
 * equals and hashCode (by toURI())).
 *
 * <p>Every abstract method of the real class is declared, not only those the plugin calls, so that a subclass
 * compiled against this declaration is complete inside Jenkins; the final methods are declared final so that
 * no subclass tries to override them.
 */
public abstract class VirtualFile implements Comparable<VirtualFile>, Serializable {

    public abstract String getName();

    public abstract URI toURI();

    public abstract VirtualFile getParent();

    public abstract boolean isDirectory() throws IOException;

    public abstract boolean isFile() throws IOException;

    public abstract boolean exists() throws IOException;

    public abstract VirtualFile[] list() throws IOException;

    public abstract VirtualFile child(String name);

    public abstract long length() throws IOException;

    public abstract long lastModified() throws IOException;

    public abstract boolean canRead() throws IOException;

    public abstract InputStream open() throws IOException;

    @Override
    public final int compareTo(VirtualFile other) {
        return getName().compareToIgnoreCase(other.getName());
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof VirtualFile file && toURI().equals(file.toURI());
    }

    @Override
    public final int hashCode() {
        return toURI().hashCode();
    }
}
