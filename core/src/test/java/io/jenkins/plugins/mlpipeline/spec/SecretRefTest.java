package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretRefTest {

    @Test
    void parsesSecretNameAndKey() {
        SecretRef ref = SecretRef.parse("creds/token");
        assertThat(ref.getSecretName()).isEqualTo("creds");
        assertThat(ref.getKey()).isEqualTo("token");
        assertThat(ref).hasToString("creds/token").isEqualTo(SecretRef.of("creds", "token"))
                .hasSameHashCodeAs(SecretRef.of("creds", "token")).isNotEqualTo(SecretRef.of("creds", "other"));
    }

    @Test
    void keysMayContainDots() {
        assertThat(SecretRef.parse("registry.creds/.dockerconfigjson").getKey()).isEqualTo(".dockerconfigjson");
    }

    @Test
    void refusesMissingOrExtraSlash() {
        for (String bad : new String[] {"creds", "creds/token/x", ""}) {
            assertThatThrownBy(() -> SecretRef.parse(bad)).as(bad).isInstanceOf(SpecValidationException.class)
                    .satisfies(e -> assertThat(((SpecValidationException) e).getProblems()).anySatisfy(
                            problem -> assertThat(problem).contains("secretRef", "secret-name/key")));
        }
        assertThatThrownBy(() -> SecretRef.parse(null)).isInstanceOf(SpecValidationException.class);
        assertThatThrownBy(() -> SecretRef.parse("/")).isInstanceOfSatisfying(SpecValidationException.class,
                e -> assertThat(e.getProblems()).hasSize(2));
    }

    @Test
    void reportsBadNameAndBadKeyTogether() {
        assertThatThrownBy(() -> SecretRef.parse("My_Creds/to ken"))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.getProblems())
                        .hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("secret name", "'My_Creds'", "lower-case"))
                        .anySatisfy(p -> assertThat(p).contains("key", "'to ken'", "secret key")));
    }

    @Test
    void ofChecksItsParts() {
        assertThatThrownBy(() -> SecretRef.of("", "token")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("secret name");
    }
}
