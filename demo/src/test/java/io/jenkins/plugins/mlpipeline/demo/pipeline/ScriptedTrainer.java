package io.jenkins.plugins.mlpipeline.demo.pipeline;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;
import java.time.Duration;
import java.util.Locale;

/**
 * A scripted stand-in for {@code examples/trainer/train.py} (no python3 needed): the same kind of log lines, one
 * JSON metrics line per epoch, then model.json and result.json in /ml/outputs.
 */
final class ScriptedTrainer {

    static final String IMAGE = "registry.example.com/ml/trainer:1.0";

    private ScriptedTrainer() {
    }

    /** Reaches {@code valAccuracy} after {@code epochs} epochs, {@code pause} between them. */
    static ContainerScript reaching(double valAccuracy, int epochs, Duration pause) {
        ContainerScript script = ContainerScript.create()
                .log("loading data: 2000 generated examples with 8 features")
                .log("training logistic regression: epochs=" + epochs);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double progress = (double) epoch / epochs;
            double acc = valAccuracy - 0.2 * (1 - progress);
            double loss = 0.7 - 0.4 * progress;
            script = script.sleep(pause).log(String.format(Locale.ROOT,
                    "{\"epoch\": %d, \"loss\": %.4f, \"accuracy\": %.4f, \"val_loss\": %.4f, \"val_accuracy\": %.4f}",
                    epoch, loss, acc + 0.01, loss + 0.02, acc));
        }
        String result = String.format(Locale.ROOT, "{\"accuracy\": %.4f, \"epochs\": %d, \"model_file\": \"model.json\"}",
                valAccuracy, epochs);
        return script
                .writeFile("/ml/outputs/model.json", "{\"weights\": [0.1, -0.2, 0.3], \"bias\": 0.05}")
                .writeFile("/ml/outputs/result.json", result)
                .log("wrote model.json and result.json to /ml/outputs")
                .exit(0);
    }

    /** Trains until its pod is deleted: for aborts. */
    static ContainerScript forever() {
        return ContainerScript.create().log("training logistic regression: epochs=100000")
                .log("{\"epoch\": 1, \"loss\": 0.69, \"val_accuracy\": 0.5}").runForever();
    }
}
