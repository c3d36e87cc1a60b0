package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportLegendTest {

    private static Map<String, Object> run(String build, boolean cached) {
        return Map.of("name", "churn-1", "status", "SUCCEEDED", "build", build, "cached", cached,
                "series", Map.of("epoch", List.of(List.of(0, 1), List.of(1, 2)),
                        "loss", List.of(List.of(0, 0.5), List.of(1, 0.25))));
    }

    @Test
    void aCacheHitIsTellableFromTheRunItReusedAndCountersAreNotCharted() {
        String html = ReportWriter.html("t", List.of(run("churn#1", false), run("churn#2", true)), List.of());
        assertThat(html).contains("churn-1 (churn#1)").contains("churn-1 (churn#2, cached)");
        assertThat(html).contains("Line chart of loss").doesNotContain("Line chart of epoch");
    }
}
