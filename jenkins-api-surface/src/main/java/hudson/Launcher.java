package hudson;

/**
 * Starts processes on the controller or an agent; passed through to {@code ArtifactManager.archive}.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/Launcher.java (public abstract class; its protected constructors take
 * a remoting VirtualChannel or another Launcher). No member is declared: the plugin only passes the instance
 * Jenkins gives it (e.g. {@code Jenkins.createLauncher(TaskListener)}) on; the private constructor keeps code from
 * subclassing it.
 */
public abstract class Launcher {

    private Launcher() {
    }
}
