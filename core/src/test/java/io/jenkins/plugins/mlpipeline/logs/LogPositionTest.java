package io.jenkins.plugins.mlpipeline.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPositionTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:07.120000000Z");

    @Test
    void startHasNoPodAndNoResumePoint() {
        assertThat(LogPosition.START.isStart()).isTrue();
        assertThat(LogPosition.START.podName()).isNull();
        assertThat(LogPosition.START.resumeSince()).isNull();
        assertThatThrownBy(() -> LogPosition.START.afterLine(T)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void countsLinesSharingTheLastTimestampAndRestartsCountOnANewOne() {
        LogPosition p = LogPosition.startOf("train-a", "2024-05-01T10:00:00Z", 1)
                .afterLine(T).afterLine(T).afterLine(T);
        assertThat(p.lineTime()).isEqualTo(T);
        assertThat(p.linesAtLineTime()).isEqualTo(3);

        Instant later = T.plusNanos(1);
        LogPosition q = p.afterLine(later);
        assertThat(q.lineTime()).isEqualTo(later);
        assertThat(q.linesAtLineTime()).isEqualTo(1);
        assertThat(p.linesAtLineTime()).as("immutable").isEqualTo(3);
    }

    @Test
    void resumesFromTheWholeSecondOfTheLastLine() {
        LogPosition p = LogPosition.startOf("train-a", null, 1);
        assertThat(p.resumeSince()).isNull();
        assertThat(p.afterLine(T).resumeSince()).isEqualTo(Instant.parse("2024-05-01T10:00:07Z"));
    }

    @Test
    void announceAndDrainKeepTheResumePoint() {
        LogPosition p = LogPosition.startOf("train-a", null, 2).afterLine(T).announce().drain();
        assertThat(p.announced()).isTrue();
        assertThat(p.drained()).isTrue();
        assertThat(p.attempt()).isEqualTo(2);
        assertThat(p.lineTime()).isEqualTo(T);
        assertThat(p.linesAtLineTime()).isEqualTo(1);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> LogPosition.startOf(" ", null, 1)).hasMessageContaining("podName");
        assertThatThrownBy(() -> LogPosition.startOf("p", null, 0)).hasMessageContaining("attempt");
    }

    @Test
    void survivesJavaSerializationWithAStableSerialVersionUid() throws Exception {
        LogPosition p = LogPosition.startOf("train-a", "2024-05-01T10:00:00Z", 3).announce().afterLine(T)
                .afterLine(T);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
            out.writeObject(LogPosition.START);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LogPosition back = (LogPosition) in.readObject();
            assertThat(back).isEqualTo(p).hasSameHashCodeAs(p);
            assertThat(back.lineTime()).isEqualTo(T);
            assertThat(back.linesAtLineTime()).isEqualTo(2);
            assertThat((LogPosition) in.readObject()).isEqualTo(LogPosition.START);
        }
        assertThat(ObjectStreamClass.lookup(LogPosition.class).getSerialVersionUID()).isEqualTo(1L);
    }
}
