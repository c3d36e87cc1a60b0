package io.jenkins.plugins.mlpipeline.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlpipeline.spec.KubernetesNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobNamesTest {

    @Test
    void readablePrefixThenHashOfTheIdentity() {
        String name = JobNames.jobName("folder/job#42/step-7", null);
        assertThat(name).matches("folder-job-42-step-7-[0-9a-f]{10}");
        assertThat(name).endsWith("-" + JobNames.runHash("folder/job#42/step-7"));
    }

    @Test
    void theSpecNameIsThePrefixWhenGiven() {
        assertThat(JobNames.jobName("folder/job#42/step-7", "ResNet training"))
                .isEqualTo("resnet-training-" + JobNames.runHash("folder/job#42/step-7"));
    }

    @Test
    void stableForTheSameIdentity() {
        assertThat(JobNames.jobName(RunIdentity.of("a/b#1/step-2"), "x"))
                .isEqualTo(JobNames.jobName(RunIdentity.of("a/b#1/step-2", "url", "commit"), "x"));
        assertThat(JobNames.runHash("a")).isEqualTo(JobNames.runHash("a")).hasSize(10);
    }

    /** sha256("abc") is the FIPS 180-2 test vector ba7816bf8f01cfea...; the hash is its first 10 hex digits. */
    @Test
    void hashIsSha256OfTheUtf8Identity() {
        assertThat(JobNames.runHash("abc")).isEqualTo("ba7816bf8f");
    }

    @Test
    void identitiesThatReadAlikeGetDistinctNames() {
        List<String> identities = List.of("folder/job#42/step-7", "folder-job-42-step-7", "Folder/Job#42/Step-7",
                "folder/job#42/step-7 ", "folder/job#4/2step-7", "folder/job#42/step-70", "folder/jöb#42/step-7");
        Set<String> names = new HashSet<>();
        identities.forEach(identity -> names.add(JobNames.jobName(identity, "same name")));
        assertThat(names).hasSize(identities.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "folder/job#42/step-7",
        "a",
        "###",
        "日本語のジョブ#1",
        "Ünïcödé/Jöb#1/Stép-1",
        "----x----",
        "UPPER_case.job#99",
        "a-very-long-folder-name/with-another-very-long-sub-folder-name/and-a-job-name-that-goes-on#123456/step-99",
    })
    void alwaysAValidShortDnsLabel(String identity) {
        for (String specName : new String[] {null, "", "  ", "日本", "Train " + identity, "x".repeat(300)}) {
            String name = JobNames.jobName(identity, specName);
            assertThat(name).as("%s / %s", identity, specName).hasSizeLessThanOrEqualTo(JobNames.MAX_LENGTH)
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(KubernetesNames.isDns1123Label(name)).isTrue();
            assertThat(name + "-xxxxx").hasSizeLessThanOrEqualTo(58);
        }
    }

    @Test
    void accentsAreDroppedAndNonLatinFallsBack() {
        assertThat(JobNames.jobName("Ünïcödé/Jöb#1", null)).startsWith("unicode-job-1-");
        assertThat(JobNames.jobName("日本語", null)).isEqualTo("run-" + JobNames.runHash("日本語"));
        assertThat(JobNames.jobName("job#1", "日本")).startsWith("job-1-");
    }

    @Test
    void veryLongIdentitiesAreCutWithoutATrailingDash() {
        String identity = "a".repeat(40) + "-" + "b".repeat(100);
        String name = JobNames.jobName(identity, null);
        assertThat(name).hasSize(51).startsWith("a".repeat(40) + "-" + JobNames.runHash(identity));
        String longest = JobNames.jobName("c".repeat(500), null);
        assertThat(longest).hasSize(JobNames.MAX_LENGTH);
    }
}
