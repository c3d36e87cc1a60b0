package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferencesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "python",
        "python:3.11-slim",
        "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime",
        "registry.example.com:5000/team/trainer:1.4",
        "localhost/trainer",
        "localhost:5000/trainer:latest",
        "ghcr.io/org/my_repo/trainer__v2:TAG_Upper",
        "trainer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "trainer:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "[::1]:5000/trainer",
        "Registry.Example.com/trainer",
    })
    void acceptsValidReferences(String image) {
        assertThat(ImageReferences.check(image)).isEmpty();
    }

    @Test
    void refusesEmptyAndNull() {
        assertThat(ImageReferences.check("")).hasValueSatisfying(
                message -> assertThat(message).startsWith("image: must not be empty").contains("example"));
        assertThat(ImageReferences.check(null)).isPresent();
        assertThat(ImageReferences.check("  ")).hasValueSatisfying(
                message -> assertThat(message).startsWith("image: must not be empty"));
    }

    @Test
    void refusesWhitespace() {
        assertThat(ImageReferences.check("python: 3.11")).hasValueSatisfying(
                message -> assertThat(message).contains("image: 'python: 3.11'", "whitespace"));
        assertThat(ImageReferences.check("python\n")).isPresent();
    }

    @Test
    void refusesUpperCaseRepository() {
        assertThat(ImageReferences.check("MyTrainer:1")).hasValueSatisfying(message -> assertThat(message)
                .contains("image: 'MyTrainer:1'", "upper-case", "'MyTrainer'", "lower-case"));
        assertThat(ImageReferences.check("docker.io/Team/trainer")).hasValueSatisfying(
                message -> assertThat(message).contains("upper-case", "'Team/trainer'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainer:", "trainer:-1", "trainer::1", "-trainer", "trainer-", "team//trainer",
        "trainer@sha256:short", "trainer@abc", "trainer:" + "a" + "b" + "c" + "d",
        "registry.example.com:port/trainer", "trainer:a/b"})
    void refusesMalformedReferences(String image) {
        if (image.equals("trainer:abcd")) {
            assertThat(ImageReferences.check(image)).isEmpty(); // control case: a normal tag
            return;
        }
        assertThat(ImageReferences.check(image)).as(image).hasValueSatisfying(message -> assertThat(message)
                .contains("image: '" + image + "' is not a valid image reference",
                        "[registry[:port]/]repository[:tag]"));
    }

    @Test
    void tagsAreLimitedTo128Characters() {
        assertThat(ImageReferences.check("trainer:" + "a".repeat(128))).isEmpty();
        assertThat(ImageReferences.check("trainer:" + "a".repeat(129))).isPresent();
    }
}
