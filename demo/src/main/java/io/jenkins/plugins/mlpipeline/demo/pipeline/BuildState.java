package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.model.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one build shares across its threads: run, log, result, environment, parameters. */
final class BuildState {

    private final PipelineHarness harness;
    private final HarnessRun run;
    private final BuildLog log;
    private final BuildOptions options;
    private final String scriptName;
    private final ProgramLock lock = new ProgramLock();
    private final CancelScope rootScope = CancelScope.root();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<String> cronTriggers = new ArrayList<>();
    private final List<Map<String, Object>> trainingRuns = new ArrayList<>();
    private Result currentResult = Result.SUCCESS;
    private boolean resultSet;
    private String displayName;
    private String description;

    BuildState(PipelineHarness harness, HarnessRun run, BuildLog log, BuildOptions options, String scriptName) {
        this.harness = harness;
        this.run = run;
        this.log = log;
        this.options = options;
        this.scriptName = scriptName;
        this.displayName = "#" + run.getNumber();
    }

    PipelineHarness harness() {
        return harness;
    }

    HarnessRun run() {
        return run;
    }

    BuildLog log() {
        return log;
    }

    BuildOptions options() {
        return options;
    }

    /** How the Jenkinsfile is named in messages, e.g. {@code examples/Jenkinsfile}. */
    String scriptName() {
        return scriptName;
    }

    ProgramLock lock() {
        return lock;
    }

    CancelScope rootScope() {
        return rootScope;
    }

    /** Only ever worse, as {@code Run.setResult} in Jenkins. */
    synchronized void worsen(Result r) {
        if (r == null) {
            return;
        }
        if (r.isWorseThan(currentResult)) {
            currentResult = r;
        }
        resultSet = resultSet || r != Result.SUCCESS || currentResult != Result.SUCCESS;
    }

    synchronized Result currentResult() {
        return currentResult;
    }

    /** {@code currentBuild.result}: null while nothing made the build worse than SUCCESS, as in Jenkins. */
    synchronized Result explicitResult() {
        return resultSet ? currentResult : null;
    }

    synchronized String displayName() {
        return displayName;
    }

    synchronized void displayName(String name) {
        displayName = name;
    }

    synchronized String description() {
        return description;
    }

    synchronized void description(String text) {
        description = text;
    }

    synchronized void putEnv(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
    }

    synchronized String getEnv(String name) {
        return env.get(name);
    }

    synchronized Map<String, String> envSnapshot() {
        return new LinkedHashMap<>(env);
    }

    synchronized Map<String, Object> params() {
        return params;
    }

    synchronized void recordCron(String spec) {
        cronTriggers.add(spec);
    }

    /** A map mlTrain or mlSensor returned, for reports. */
    synchronized void recordTrainingRun(Map<String, Object> run) {
        trainingRuns.add(run);
    }

    synchronized List<Map<String, Object>> trainingRuns() {
        return List.copyOf(trainingRuns);
    }

    synchronized List<String> cronTriggers() {
        return List.copyOf(cronTriggers);
    }
}
