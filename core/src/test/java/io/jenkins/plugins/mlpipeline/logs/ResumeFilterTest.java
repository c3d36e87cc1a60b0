package io.jenkins.plugins.mlpipeline.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResumeFilterTest {

    private static final Instant SECOND = Instant.parse("2024-05-01T10:00:07Z");
    private static final Instant T = SECOND.plusMillis(500);

    @Test
    void withoutResumePointEverythingPasses() {
        ResumeFilter filter = new ResumeFilter(LogPosition.startOf("p", null, 1));
        assertThat(filter.accept(null)).isTrue();
        assertThat(filter.accept(SECOND)).isTrue();
    }

    @Test
    void dropsEarlierLinesOfTheSecondAndTheDeliveredLinesAtTheSameTimestamp() {
        LogPosition position = LogPosition.startOf("p", null, 1).afterLine(T).afterLine(T);
        ResumeFilter filter = new ResumeFilter(position);

        assertThat(filter.accept(SECOND.plusMillis(100))).as("earlier in the second").isFalse();
        assertThat(filter.accept(null)).as("unplaceable while skipping").isFalse();
        assertThat(filter.accept(T)).as("1st delivered at T").isFalse();
        assertThat(filter.accept(T)).as("2nd delivered at T").isFalse();
        assertThat(filter.accept(T)).as("3rd at T is new").isTrue();
        assertThat(filter.accept(null)).as("after the resume point").isTrue();
        assertThat(filter.accept(T.plusNanos(1))).isTrue();
    }

    @Test
    void aLaterTimestampEndsSkippingEvenIfFewerSameTimestampLinesCameBack() {
        ResumeFilter filter = new ResumeFilter(LogPosition.startOf("p", null, 1).afterLine(T).afterLine(T));
        assertThat(filter.accept(T)).isFalse();
        assertThat(filter.accept(T.plusMillis(1))).isTrue();
        assertThat(filter.accept(T)).as("once passed, never skips again").isTrue();
    }
}
