package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.model.Result;
import java.util.List;
import java.util.Map;

/**
 * What a finished build left: its result, console log, display name, the cron specs its triggers declared (recorded,
 * never scheduled), the parameters it ran with, the maps its mlTrain and mlSensor steps returned, and the Run itself.
 */
public record BuildResult(HarnessRun run, Result result, String log, String displayName, String description,
                          List<String> cronTriggers, Map<String, Object> parameters,
                          List<Map<String, Object>> trainingRuns) {

    public String id() {
        return run.getExternalizableId();
    }

    public int number() {
        return run.getNumber();
    }

    public List<String> lines() {
        return List.of(log.split("\n"));
    }
}
