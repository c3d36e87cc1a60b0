package io.jenkins.plugins.mlpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TolerationMapsTest {

    @Test
    void convertsEveryKey() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", "nvidia.com/gpu");
        map.put("operator", "Equal");
        map.put("value", "true");
        map.put("effect", "NoExecute");
        map.put("tolerationSeconds", 60);
        List<Toleration> t = TolerationMaps.fromMaps(List.of(map, Map.of("operator", "Exists")));
        assertThat(t).hasSize(2);
        assertThat(t.get(0).getKey()).isEqualTo("nvidia.com/gpu");
        assertThat(t.get(0).getValue()).isEqualTo("true");
        assertThat(t.get(0).getEffect()).isEqualTo("NoExecute");
        assertThat(t.get(0).getTolerationSeconds()).isEqualTo(60L);
        assertThat(t.get(1).getOperator()).isEqualTo("Exists");
        assertThat(TolerationMaps.fromMaps(null)).isEmpty();
    }

    @Test
    void reportsUnknownKeysAndBadShapesByIndex() {
        assertThatThrownBy(() -> TolerationMaps.fromMaps(List.of(Map.of("key", "a"), Map.of("efect", "NoSchedule"),
                "gpu", Map.of("tolerationSeconds", "soon"))))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).getProblems()).containsExactly(
                        "tolerations[1].efect: unknown key; allowed keys are key, operator, value, effect,"
                                + " tolerationSeconds",
                        "tolerations[2]: must be a map such as [key: 'gpu', operator: 'Exists', effect: 'NoSchedule'],"
                                + " got String",
                        "tolerations[3].tolerationSeconds: must be a whole number of seconds, got 'soon'"));
    }
}
