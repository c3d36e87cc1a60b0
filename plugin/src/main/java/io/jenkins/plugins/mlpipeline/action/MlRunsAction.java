package io.jenkins.plugins.mlpipeline.action;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * The training runs of one build, shown on the build's page ("ML Runs"): status, reason, metrics and where each
 * Job lives in Kubernetes. Saved with the build (build.xml), so only plain fields.
 *
 * <p>Also hands out the per-build launch numbers that make each mlTrain step's run identity unique: every
 * {@code start()} of a build runs on that build's one Pipeline thread, so the counter needs no more than this
 * object's lock.
 */
public class MlRunsAction implements RunAction2 {

    private final List<RunRecord> runs = new ArrayList<>();
    private int launches;
    private transient Run<?, ?> run;

    /** The build's action, added if it has none yet. */
    public static MlRunsAction of(Run<?, ?> run) {
        synchronized (run) {
            MlRunsAction action = run.getAction(MlRunsAction.class);
            if (action == null) {
                action = new MlRunsAction();
                run.addAction(action);
            }
            return action;
        }
    }

    public synchronized int nextLaunchNumber() {
        return ++launches;
    }

    /** Records or updates the run named {@code namespace/name}. */
    public synchronized void update(String cloud, String namespace, String name, String uid, String status,
            String reason, String message, Map<String, Double> metrics) {
        RunRecord record = find(namespace, name);
        if (record == null) {
            record = new RunRecord(cloud, namespace, name);
            runs.add(record);
        }
        record.update(uid, status, reason, message, metrics);
    }

    /** A copy of the records, for tests and the view. */
    public synchronized List<RunRecord> getRecords() {
        List<RunRecord> copy = new ArrayList<>();
        for (RunRecord r : runs) {
            copy.add(r.copy());
        }
        return copy;
    }

    /** The rows the page shows, oldest run first. */
    public List<RunRow> getRows() {
        return getRecords().stream().map(RunRow::new).toList();
    }

    public Run<?, ?> getRun() {
        return run;
    }

    private RunRecord find(String namespace, String name) {
        for (RunRecord r : runs) {
            if (r.namespace.equals(namespace) && r.name.equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "ML Runs";
    }

    @Override
    public String getUrlName() {
        return "ml-runs";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
