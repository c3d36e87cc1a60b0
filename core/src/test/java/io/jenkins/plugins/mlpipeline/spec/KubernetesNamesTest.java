package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "team-a", "0abc", "a1-b2"})
    void acceptsDns1123Labels(String name) {
        assertThat(KubernetesNames.isDns1123Label(name)).isTrue();
        assertThat(KubernetesNames.checkDns1123Label("namespace", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "-a", "a-", "a.b", "a_b", "ä"})
    void refusesOtherLabels(String name) {
        assertThat(KubernetesNames.isDns1123Label(name)).isFalse();
        assertThat(KubernetesNames.checkDns1123Label("namespace", name)).hasValueSatisfying(message -> assertThat(
                message).startsWith("namespace: '" + name + "'").contains("lower-case letters, digits and '-'"));
    }

    @Test
    void labelsAreLimitedTo63Characters() {
        assertThat(KubernetesNames.isDns1123Label("a".repeat(63))).isTrue();
        assertThat(KubernetesNames.isDns1123Label("a".repeat(64))).isFalse();
    }

    @Test
    void subdomainsAllowDotsAnd253Characters() {
        assertThat(KubernetesNames.isDns1123Subdomain("registry-creds.team.example")).isTrue();
        assertThat(KubernetesNames.isDns1123Subdomain("a..b")).isFalse();
        assertThat(KubernetesNames.isDns1123Subdomain("Creds")).isFalse();
        String longest = ("a".repeat(62) + ".").repeat(4) + "a";
        assertThat(longest).hasSize(253);
        assertThat(KubernetesNames.isDns1123Subdomain(longest)).isTrue();
        assertThat(KubernetesNames.isDns1123Subdomain(longest + "a")).isFalse();
    }

    @Test
    void qualifiedNamesHaveAnOptionalSubdomainPrefix() {
        assertThat(KubernetesNames.isQualifiedName("team")).isTrue();
        assertThat(KubernetesNames.isQualifiedName("example.com/Team_1.x")).isTrue();
        assertThat(KubernetesNames.isQualifiedName("a".repeat(64))).isFalse();
        assertThat(KubernetesNames.checkQualifiedName("labels", "Example.com/team")).hasValueSatisfying(
                message -> assertThat(message).contains("labels", "invalid prefix 'Example.com'", "DNS subdomain"));
        assertThat(KubernetesNames.checkQualifiedName("labels", "team/")).hasValueSatisfying(
                message -> assertThat(message).contains("labels: key 'team/'", "name part"));
        assertThat(KubernetesNames.checkQualifiedName("labels", "")).hasValue("labels: key must not be empty");
        assertThat(KubernetesNames.checkQualifiedName("labels", "a/b/c")).isPresent();
    }

    @Test
    void labelValuesMayBeEmptyButNotLong() {
        assertThat(KubernetesNames.isLabelValue("")).isTrue();
        assertThat(KubernetesNames.isLabelValue("v1.2_rc-3")).isTrue();
        assertThat(KubernetesNames.isLabelValue("a".repeat(63))).isTrue();
        assertThat(KubernetesNames.isLabelValue("a".repeat(64))).isFalse();
        assertThat(KubernetesNames.isLabelValue("-a")).isFalse();
        assertThat(KubernetesNames.isLabelValue("a b")).isFalse();
        assertThat(KubernetesNames.isLabelValue(null)).isFalse();
        assertThat(KubernetesNames.checkLabelValue("labels.team", "a b")).hasValueSatisfying(
                message -> assertThat(message).contains("labels.team", "'a b'", "at most 63"));
    }

    @Test
    void envVarNames() {
        assertThat(KubernetesNames.checkEnvVarName("env", "LEARNING_RATE")).isEmpty();
        assertThat(KubernetesNames.checkEnvVarName("env", "my.var-1")).isEmpty();
        assertThat(KubernetesNames.checkEnvVarName("env", "1ABC")).hasValueSatisfying(
                message -> assertThat(message).contains("env: '1ABC'", "not starting with a digit"));
        assertThat(KubernetesNames.checkEnvVarName("env", "A B")).isPresent();
        assertThat(KubernetesNames.checkEnvVarName("env", "A=B")).isPresent();
        assertThat(KubernetesNames.checkEnvVarName("env", null)).isPresent();
    }

    @Test
    void secretKeys() {
        assertThat(KubernetesNames.checkSecretKey("key", "token")).isEmpty();
        assertThat(KubernetesNames.checkSecretKey("key", ".dockerconfigjson")).isEmpty();
        assertThat(KubernetesNames.checkSecretKey("key", "a/b")).isPresent();
        assertThat(KubernetesNames.checkSecretKey("key", "..")).isPresent();
        assertThat(KubernetesNames.checkSecretKey("key", "")).hasValueSatisfying(
                message -> assertThat(message).contains("key: ''", "letters, digits, '-', '_' and '.'"));
    }
}
