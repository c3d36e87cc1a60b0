package io.jenkins.plugins.mlpipeline.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Action;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlRunsActionTest {

    private static final String HOSTILE = "<script>alert('x')</script>&amp;\"";

    @Test
    void rowsCarryUserTextUnchangedForTheViewToEscape() {
        MlRunsAction action = new MlRunsAction();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(HOSTILE, 0.25);
        action.update(HOSTILE, "ml", "train-1", "uid-1", "FAILED", HOSTILE, HOSTILE + "\nLast 2 log lines:\n  x",
                metrics);
        RunRow row = action.getRows().get(0);
        // Escaped exactly once, by Jelly's escape-by-default: the model must not escape (or strip) anything.
        assertThat(row.getReason()).isEqualTo(HOSTILE);
        assertThat(row.getMessage()).isEqualTo(HOSTILE);
        assertThat(row.getCloud()).isEqualTo(HOSTILE);
        assertThat(row.getMetrics()).isEqualTo(HOSTILE + "=0.25");
        // The only value used in an attribute without being user text comes from a fixed set.
        assertThat(row.getStatusClass()).isEqualTo("ml-status-failure");
        action.update("k8s", "ml", "train-2", null, HOSTILE, null, null, null);
        assertThat(action.getRows().get(1).getStatusClass()).isEqualTo("ml-status-running");
    }

    @Test
    void updatesTheSameRunInPlaceAndFormatsNumbers() {
        MlRunsAction action = new MlRunsAction();
        action.update("k8s", "ml", "a", "u1", "PENDING", "Created", "", Map.of());
        action.update("k8s", "ml", "a", null, "SUCCEEDED", "Complete", "done", Map.of("epochs", 20.0));
        assertThat(action.getRows()).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(r.getUid()).as("kept from the first update").isEqualTo("u1");
            assertThat(r.getMetrics()).isEqualTo("epochs=20");
            assertThat(r.getJob()).isEqualTo("ml/a");
        });
        action.update("k8s", "ml", "b", null, null, null, null, null);
        assertThat(action.getRows().get(1).getUid()).isEqualTo("-");
        assertThat(action.getRows().get(1).getMetrics()).isEqualTo("-");
    }

    @Test
    void launchNumbersAreUniquePerBuildAndTheActionIsAddedOnce() {
        Run<?, ?> run = mock(Run.class);
        List<Action> actions = new ArrayList<>();
        when(run.getAction(any())).thenAnswer(inv -> actions.stream()
                .filter(((Class<?>) inv.getArgument(0))::isInstance).findFirst().orElse(null));
        doAnswer(inv -> actions.add(inv.getArgument(0))).when(run).addAction(any());
        assertThat(MlRunsAction.of(run).nextLaunchNumber()).isEqualTo(1);
        assertThat(MlRunsAction.of(run).nextLaunchNumber()).isEqualTo(2);
        assertThat(actions).hasSize(1);
        MlRunsAction action = (MlRunsAction) actions.get(0);
        assertThat(action.getUrlName()).isEqualTo("ml-runs");
        action.onLoad(run);
        assertThat(action.getRun()).isSameAs(run);
    }
}
