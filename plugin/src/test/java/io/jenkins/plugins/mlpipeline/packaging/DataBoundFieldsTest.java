package io.jenkins.plugins.mlpipeline.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fixture annotations stand in for Stapler's, which the checks match by name. */
class DataBoundFieldsTest {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.CONSTRUCTOR)
    @interface FakeConstructor {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.FIELD})
    @interface FakeSetter {
    }

    public static class Base {
        @FakeSetter
        String inherited;

        @FakeSetter
        public void setRetries(int retries) {
        }
    }

    public static class Fixture extends Base {
        @FakeConstructor
        public Fixture(String image, List<String> command) {
        }

        public Fixture() {
        }

        @FakeSetter
        public void setPodYaml(String yaml) {
        }

        @FakeSetter
        public void setURL(String url) {
        }

        public void setNotBound(String value) {
        }
    }

    private static final String CONSTRUCTOR = FakeConstructor.class.getName();
    private static final String SETTER = FakeSetter.class.getName();

    @Test
    void collectsConstructorParametersSetterPropertiesAndFieldsThroughTheHierarchy() {
        assertThat(DataBoundFields.of(Fixture.class, CONSTRUCTOR, SETTER))
                .containsExactly("URL", "command", "image", "inherited", "podYaml", "retries");
    }

    @Test
    void setterNamesFollowTheJavaBeansRule() {
        assertThat(DataBoundFields.propertyOfSetter("setTimeout")).isEqualTo("timeout");
        assertThat(DataBoundFields.propertyOfSetter("setURL")).isEqualTo("URL");
        assertThat(DataBoundFields.propertyOfSetter("setX")).isEqualTo("x");
        assertThatThrownBy(() -> DataBoundFields.propertyOfSetter("withTimeout")).hasMessageContaining("withTimeout");
    }

    @Test
    void helpIsFoundOnTheClassOrASuperclassAndMissingOnesAreNamed() {
        String fixtureDir = "io/jenkins/plugins/mlpipeline/packaging/DataBoundFieldsTest/Fixture";
        String baseDir = "io/jenkins/plugins/mlpipeline/packaging/DataBoundFieldsTest/Base";
        Set<String> resources = Set.of(fixtureDir + "/help-image.html", baseDir + "/help-retries.html");

        assertThat(HelpFiles.viewDirectory(Fixture.class)).isEqualTo(fixtureDir);
        assertThat(HelpFiles.missing(Fixture.class, List.of("image", "retries", "podYaml"), resources))
                .containsExactly(Fixture.class.getName() + ": " + fixtureDir + "/help-podYaml.html");
    }
}
