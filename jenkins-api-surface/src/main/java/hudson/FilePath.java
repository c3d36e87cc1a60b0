package hudson;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * A file or directory on the controller or on an agent.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/FilePath.java (public final class; public FilePath(File);
 * String getRemote(), String getName(), FilePath child(String), FilePath getParent(): no throws clause;
 * FilePath[] list(String includes), InputStream read(), OutputStream write(), void copyFrom(InputStream),
 * void mkdirs(), boolean exists(), boolean isDirectory(), long length(), void deleteRecursive(),
 * String digest() (MD5 in hex): each throws IOException, InterruptedException; none static). The real
 * super-interface org.jenkinsci.remoting.SerializableOnlyOverRemoting (remoting, not on Maven Central) extends
 * java.io.Serializable and is declared here as Serializable directly.
 *
 * <p>The class is final, so tests cannot fake it: the constructor keeps the path, which {@link #getRemote()}
 * returns as given (the real one also normalises separators and "." / ".." segments). Every file operation
 * needs Jenkins' remoting and throws here.
 */
public final class FilePath implements Serializable {

    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public FilePath getParent() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public FilePath[] list(String includes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public OutputStream write() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String digest() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
