package io.jenkins.plugins.mlpipeline.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The names a Jenkinsfile may pass, their help files and config.jelly fields, and refusal of unknown names. */
class ModelStepBindingTest {

    private static final Path VIEWS = Path.of("src/main/resources/io/jenkins/plugins/mlpipeline/models");

    /** Constructor parameters and setters, as Pipeline's DescribableModel sees them. */
    static Set<String> names(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                    names.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    /** Refuses names the step does not have, the way strict binding does: naming them. */
    static void checkKnown(Class<?> type, Map<String, ?> args) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(names(type));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameter(s) found for class type '" + type.getName() + "': "
                    + String.join(",", unknown));
        }
    }

    @Test
    void eachStepTakesExactlyTheDocumentedArguments() {
        assertThat(names(MlArtifactStep.class))
                .containsExactlyInAnyOrder("name", "run", "files", "uri", "sha256", "metadata", "alias");
        assertThat(names(MlPromoteStep.class)).containsExactlyInAnyOrder("name", "version", "alias");
        assertThat(names(MlModelStep.class)).containsExactlyInAnyOrder("name", "alias", "version", "copyTo");
    }

    @Test
    void anUnknownArgumentIsNamed() {
        assertThatThrownBy(() -> checkKnown(MlPromoteStep.class, Map.of("name", "m", "versoin", 2)))
                .hasMessageContaining("versoin");
        assertThatThrownBy(() -> checkKnown(MlModelStep.class, Map.of("name", "m", "copyto", "x")))
                .hasMessageContaining("copyto");
    }

    @Test
    void everyArgumentHasHelpAndEveryFormFieldExists() throws Exception {
        for (Class<?> type : List.of(MlArtifactStep.class, MlPromoteStep.class, MlModelStep.class)) {
            Path dir = VIEWS.resolve(type.getSimpleName());
            assertThat(dir.resolve("help.html")).exists();
            for (String name : names(type)) {
                assertThat(dir.resolve("help-" + name + ".html")).as(type.getSimpleName() + "." + name).exists();
            }
            Matcher field = Pattern.compile("field=\"([^\"]+)\"").matcher(Files.readString(dir.resolve("config.jelly")));
            while (field.find()) {
                assertThat(names(type)).as(type.getSimpleName() + " config.jelly").contains(field.group(1));
            }
        }
    }

    @Test
    void groovyTextBecomesStrings() {
        MlArtifactStep step = new MlArtifactStep("m");
        step.setMetadata(Map.of("k", new StringBuilder("v"), "n", List.of(new StringBuilder("x"))));
        assertThat(step.getMetadata()).isEqualTo(Map.of("k", "v", "n", List.of("x")));
        assertThatThrownBy(() -> step.setMetadata(Map.of("bad", new Object())))
                .hasMessageContaining("metadata.bad");
    }
}
