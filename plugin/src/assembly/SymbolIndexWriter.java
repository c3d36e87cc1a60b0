import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the index Jenkins reads to find {@code @org.jenkinsci.Symbol} classes:
 * {@code META-INF/services/annotations/org.jenkinsci.Symbol} in the compiled classes directory, plain UTF-8, one
 * binary class name per line, sorted (the format of jenkinsci/lib-annotation-indexer, which Jenkins' Index.list
 * reads; see ../../../shared/notes/jenkins-api.md section 4.2).
 *
 * <p>Why a program run after compilation (antrun, phase process-classes, JDK single-file source mode) and not
 * an annotation processor: the real processor (annotation-indexer) is not downloadable in a current version,
 * and a processor of our own would need its own module, installed before the plugin compiles, so
 * {@code mvn -pl plugin} would break whenever it is not in the local repository. Reading the compiled classes
 * needs nothing but the JDK and the compile class path, and it cannot drift from the code: the index is
 * rebuilt from the classes on every build. An empty result removes the file, as the real indexer writes none.
 *
 * <p>Usage: {@code java -cp <compile classpath> SymbolIndexWriter.java <classes dir>}.
 */
public final class SymbolIndexWriter {

    private static final String SYMBOL = "org.jenkinsci.Symbol";
    private static final String INDEX = "META-INF/services/annotations/" + SYMBOL;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SymbolIndexWriter <compiled classes directory>");
            System.exit(2);
        }
        Path classes = Path.of(args[0]);
        Path index = classes.resolve(INDEX);
        SortedSet<String> symbolClasses = symbolClasses(classes);
        if (symbolClasses.isEmpty()) {
            Files.deleteIfExists(index);
            System.out.println("No @Symbol class; no " + INDEX);
            return;
        }
        Files.createDirectories(index.getParent());
        Files.writeString(index, String.join("\n", symbolClasses) + "\n", StandardCharsets.UTF_8);
        System.out.println("Wrote " + INDEX + ": " + symbolClasses);
    }

    private static SortedSet<String> symbolClasses(Path classes) throws IOException {
        SortedSet<String> found = new TreeSet<>();
        if (!Files.isDirectory(classes)) {
            return found;
        }
        // The parent (the -cp given to this program) supplies the Jenkins API surface the classes extend.
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, ClassLoader.getSystemClassLoader());
                Stream<Path> files = Files.walk(classes)) {
            List<String> names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> binaryName(classes, f))
                    .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                    .toList();
            for (String name : names) {
                if (hasSymbol(load(name, loader))) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            // Not initialized: static initializers of plugin classes may call into Jenkins.
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load compiled class " + name
                    + " to look for @Symbol (is the compile class path complete?): " + e, e);
        }
    }

    private static boolean hasSymbol(Class<?> type) {
        // By name: this program must not depend on the surface jar's version of the annotation.
        for (Annotation annotation : type.getDeclaredAnnotations()) {
            if (annotation.annotationType().getName().equals(SYMBOL)) {
                return true;
            }
        }
        return false;
    }

    private static String binaryName(Path classes, Path classFile) {
        String relative = classes.relativize(classFile).toString().replace(classFile.getFileSystem().getSeparator(), ".");
        return relative.substring(0, relative.length() - ".class".length());
    }
}
