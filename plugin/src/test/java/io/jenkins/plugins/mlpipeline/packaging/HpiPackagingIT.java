package io.jenkins.plugins.mlpipeline.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built target/ml-pipeline.hpi and checks it is a plugin Jenkins would load as intended: the layout and
 * manifest maven-hpi-plugin would have produced, the extension and symbol indexes Jenkins discovers our classes
 * through, a help file per configurable field, and no bundled copy of anything Jenkins supplies. Every expected
 * class list comes from the compiled classes. Runs in {@code verify} (failsafe), after the .hpi is assembled;
 * the build passes paths and versions in as system properties (plugin/pom.xml).
 */
class HpiPackagingIT {

    private static final String EXTENSION = "hudson.Extension";
    private static final String SYMBOL = "org.jenkinsci.Symbol";
    private static final String SYMBOL_INDEX = "META-INF/services/annotations/" + SYMBOL;
    private static final String STEP = "org.jenkinsci.plugins.workflow.steps.Step";
    private static final String GLOBAL_CONFIGURATION = "jenkins.model.GlobalConfiguration";
    private static final String PLUGIN_JAR = "ml-pipeline.jar";
    private static final Set<String> REQUIRED_PLUGINS = Set.of("workflow-step-api", "kubernetes",
            "kubernetes-client-api", "kubernetes-credentials", "jackson2-api", "okhttp-api", "credentials", "commons-compress-api");

    @TempDir
    static Path work;

    private static Hpi hpi;
    private static String version;
    private static List<Class<?>> compiled;
    private static URLClassLoader jenkinsSide;
    private static URLClassLoader pluginLoader;

    @BeforeAll
    static void openHpi() throws IOException {
        version = property("ml.project.version");
        hpi = Hpi.extract(Path.of(property("ml.hpi")), work.resolve("exploded"));
        compiled = CompiledClasses.load(Path.of(property("ml.classes.dir")), HpiPackagingIT.class.getClassLoader());
        // Like Jenkins: a plugin class loader over WEB-INF/lib/*.jar whose parent supplies core and the plugins
        // we depend on (here: exactly our provided dependencies), so nothing is found in target/classes.
        jenkinsSide = new URLClassLoader("jenkins", urls(providedClasspath()), ClassLoader.getPlatformClassLoader());
        pluginLoader = new URLClassLoader("ml-pipeline", urls(hpi.libraries()), jenkinsSide);
    }

    @AfterAll
    static void closeLoaders() throws IOException {
        if (pluginLoader != null) {
            pluginLoader.close();
        }
        if (jenkinsSide != null) {
            jenkinsSide.close();
        }
    }

    @Test
    void manifestNamesThePluginAndTheJenkinsVersion() throws IOException {
        Map<String, String> manifest = Hpi.mainAttributes(hpi.manifest());
        String jenkinsVersion = property("ml.jenkins.version");

        assertThat(manifest)
                .containsEntry("Manifest-Version", "1.0")
                .containsEntry("Short-Name", "ml-pipeline")
                .containsEntry("Long-Name", "ML Pipeline Steps")
                .containsEntry("Group-Id", "io.jenkins.plugins")
                .containsEntry("Artifact-Id", "ml-pipeline")
                .containsEntry("Plugin-Version", version)
                .containsEntry("Implementation-Version", version)
                .containsEntry("Jenkins-Version", jenkinsVersion)
                .containsEntry("Hudson-Version", jenkinsVersion);
        assertThat(jenkinsVersion).matches("\\d+(\\.\\d+)+");
        assertThat(manifest.get("Url")).as("Url").startsWith("https://");
    }

    @Test
    void pluginDependenciesParseLikeJenkinsAndNameEveryPluginWeUse() throws IOException {
        List<PluginDependency> dependencies =
                PluginDependency.parseList(hpi.manifest().getMainAttributes().getValue("Plugin-Dependencies"));

        List<String> ids = dependencies.stream().map(PluginDependency::id).toList();
        assertThat(ids).doesNotHaveDuplicates().containsAll(REQUIRED_PLUGINS);
        assertThat(dependencies).allSatisfy(d -> assertThat(d.version())
                .as("version of %s", d.id()).matches("[0-9][0-9A-Za-z._-]*"));
        // Everything we link against must be there at run time.
        assertThat(dependencies).noneMatch(PluginDependency::optional);
    }

    @Test
    void webInfLibHoldsThePluginJarAndCoreOnly() throws IOException {
        assertThat(hpi.libraryNames()).containsExactlyInAnyOrder(PLUGIN_JAR, "ml-pipeline-core-" + version + ".jar");
        assertThat(hpi.entries()).noneMatch(e -> e.startsWith("WEB-INF/classes/"));
    }

    @Test
    void innerJarCarriesTheSameManifestAndEveryCompiledClass() throws IOException {
        Path pluginJar = hpi.library(PLUGIN_JAR);

        assertThat(Hpi.mainAttributes(Hpi.manifestOf(pluginJar))).isEqualTo(Hpi.mainAttributes(hpi.manifest()));
        Set<String> entries = Hpi.entryNames(pluginJar);
        assertThat(compiled).isNotEmpty();
        assertThat(compiled).allSatisfy(c -> assertThat(entries).contains(c.getName().replace('.', '/') + ".class"));
    }

    @Test
    void bundledCoreIsTrustedByTheJep200ClassFilter() throws IOException {
        // The steps persist core objects; Jenkins only deserializes classes from jars it trusts.
        Path core = hpi.library("ml-pipeline-core-" + version + ".jar");

        assertThat(Hpi.manifestOf(core).getMainAttributes().getValue("Jenkins-ClassFilter-Whitelisted"))
                .as("Jenkins-ClassFilter-Whitelisted in the bundled core jar's manifest").isEqualTo("true");
    }

    @Test
    void indexJellyAtThePluginJarRootDescribesThePlugin() throws IOException {
        String index = Hpi.text(hpi.library(PLUGIN_JAR), "index.jelly").orElse(null);

        assertThat(index).as("index.jelly at the root of " + PLUGIN_JAR).isNotNull();
        assertThat(index).startsWith("<?jelly escape-by-default='true'?>").contains("Kubernetes");
    }

    @Test
    void everyJellyViewEscapesByDefault() throws IOException {
        Path pluginJar = hpi.library(PLUGIN_JAR);
        List<String> unescaped = new ArrayList<>();
        for (String entry : Hpi.entryNames(pluginJar)) {
            if (entry.endsWith(".jelly")
                    && !Hpi.text(pluginJar, entry).orElseThrow().strip().matches("(?s)<\\?jelly escape-by-default=['\"]true['\"]\\?>.*")) {
                unescaped.add(entry);
            }
        }
        assertThat(unescaped).as("Jelly views not starting with <?jelly escape-by-default='true'?>").isEmpty();
    }

    @Test
    void nothingJenkinsOrAnotherPluginSuppliesIsBundled() throws IOException {
        List<String> forbidden = new ArrayList<>();
        for (Path jar : hpi.libraries()) {
            forbidden.addAll(ForbiddenClasses.in(jar));
        }
        assertThat(forbidden).as("classes bundled in WEB-INF/lib that Jenkins supplies").isEmpty();
    }

    @Test
    void sezpozIndexInThePluginJarListsEveryExtension() throws Exception {
        SortedSet<String> annotated = CompiledClasses.elementsAnnotatedWith(compiled, EXTENSION);
        Class<? extends Annotation> extension = Class.forName(EXTENSION, false, jenkinsSide).asSubclass(Annotation.class);

        SortedSet<String> indexed = new TreeSet<>();
        for (IndexItem<? extends Annotation, Object> item : Index.load(extension, Object.class, pluginLoader)) {
            indexed.add(item.memberName() == null ? item.className() : item.className() + "#" + item.memberName());
            // Loads the element the way Jenkins does: it must come from the .hpi, not from elsewhere.
            Object element = item.element();
            Class<?> declaring = element instanceof Member member ? member.getDeclaringClass() : (Class<?>) element;
            assertThat(declaring.getClassLoader()).as("loader of " + item.className()).isSameAs(pluginLoader);
        }

        assertThat(annotated).as("@Extension elements in the compiled classes").isNotEmpty();
        assertThat(indexed).as("META-INF/annotations/hudson.Extension read by SezPoz").isEqualTo(annotated);
    }

    @Test
    void symbolIndexInThePluginJarListsEverySymbolClass() throws Exception {
        SortedSet<String> annotated = CompiledClasses.namesAnnotatedWith(compiled, SYMBOL);
        String index = Hpi.text(hpi.library(PLUGIN_JAR), SYMBOL_INDEX).orElse("");
        SortedSet<String> indexed = Arrays.stream(index.split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(indexed).as(SYMBOL_INDEX + " in " + PLUGIN_JAR).isEqualTo(annotated);
        for (String name : indexed) {
            Class<?> type = Class.forName(name, false, pluginLoader);
            assertThat(type.getClassLoader()).as("loader of " + name).isSameAs(pluginLoader);
            String[] symbols = (String[]) symbolValue(CompiledClasses.annotation(type, SYMBOL));
            assertThat(symbols).as("@Symbol names of " + name).isNotEmpty().doesNotContain("");
        }
    }

    @Test
    void everyGlobalConfigurationHasASymbolForConfigurationAsCode() {
        List<Class<?>> configurations = concrete(CompiledClasses.subtypesOf(compiled, GLOBAL_CONFIGURATION, loader()));

        assertThat(configurations).as("GlobalConfiguration classes").isNotEmpty();
        assertThat(configurations).allSatisfy(c -> assertThat(CompiledClasses.isAnnotated(c, SYMBOL))
                .as("@Symbol on " + c.getName()).isTrue());
    }

    @Test
    void everyStepAndGlobalConfigurationFieldHasAHelpFile() throws IOException {
        Set<String> resources = Hpi.entryNames(hpi.library(PLUGIN_JAR));
        List<Class<?>> steps = concrete(CompiledClasses.subtypesOf(compiled, STEP, loader()));
        List<Class<?>> configurations = concrete(CompiledClasses.subtypesOf(compiled, GLOBAL_CONFIGURATION, loader()));

        List<String> missing = new ArrayList<>();
        int fields = 0;
        for (Class<?> type : Stream.concat(steps.stream(), configurations.stream()).toList()) {
            SortedSet<String> names = DataBoundFields.of(type);
            fields += names.size();
            missing.addAll(HelpFiles.missing(type, names, resources));
        }

        assertThat(missing).as("help files missing from " + PLUGIN_JAR).isEmpty();
        assertThat(steps).as("Step classes").isNotEmpty();
        assertThat(fields).as("@DataBoundConstructor/@DataBoundSetter fields found").isPositive();
    }

    @Test
    void everyStepHasAFormAndAHelpPageForTheSnippetGenerator() throws IOException {
        Set<String> resources = Hpi.entryNames(hpi.library(PLUGIN_JAR));
        List<Class<?>> steps = concrete(CompiledClasses.subtypesOf(compiled, STEP, loader()));

        assertThat(steps).as("Step classes").isNotEmpty();
        for (Class<?> step : steps) {
            String dir = HelpFiles.viewDirectory(step);
            assertThat(resources).as("views of " + step.getName()).contains(dir + "/config.jelly", dir + "/help.html");
        }
    }

    private static List<Class<?>> concrete(List<Class<?>> types) {
        return types.stream().filter(t -> !Modifier.isAbstract(t.getModifiers()) && !t.isInterface()).toList();
    }

    private static ClassLoader loader() {
        return HpiPackagingIT.class.getClassLoader();
    }

    private static Object symbolValue(Annotation symbol) throws ReflectiveOperationException {
        return symbol.annotationType().getMethod("value").invoke(symbol);
    }

    private static List<Path> providedClasspath() {
        String classpath = property("ml.provided.classpath");
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) {
                entries.add(Path.of(entry));
            }
        }
        assertThat(entries).as("ml.provided.classpath entries").isNotEmpty();
        return entries;
    }

    private static URL[] urls(List<Path> paths) throws IOException {
        URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = paths.get(i).toUri().toURL();
        }
        return urls;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + name
                    + " is not set: run this test through Maven (mvn verify), which passes it (plugin/pom.xml)");
        }
        return value;
    }
}
