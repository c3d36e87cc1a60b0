package io.jenkins.plugins.mlpipeline.demo.pipeline;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.Result;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One build of a {@link HarnessJob}: number, id {@code <job>#<n>}, a directory under the harness home, its actions
 * (the ML Runs action the steps add) and its result. The surface's {@code Run} only declares these; the harness
 * gives them behaviour.
 */
public final class HarnessRun extends Run<HarnessJob, HarnessRun> {

    private final int number;
    private final File rootDir;
    private final String startedBy;
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private volatile Result result;
    private volatile boolean building = true;

    /** @param startedBy the user in the build's "Started by user" cause, or null (a timer, as for cron) */
    public HarnessRun(HarnessJob job, int number, File rootDir, String startedBy) throws IOException {
        super(job);
        this.number = number;
        this.rootDir = rootDir;
        this.startedBy = startedBy;
    }

    @Override
    public String getExternalizableId() {
        return getParent().getFullName() + "#" + number;
    }

    @Override
    public String getUrl() {
        return "job/" + getParent().getFullName().replace("/", "/job/") + "/" + number + "/";
    }

    @Override
    public int getNumber() {
        return number;
    }

    @Override
    public String getFullDisplayName() {
        return getParent().getFullName() + " #" + number;
    }

    @Override
    public File getRootDir() {
        return rootDir;
    }

    @Override
    public <T extends Cause> T getCause(Class<T> type) {
        if (startedBy != null && type.isAssignableFrom(Cause.UserIdCause.class)) {
            return type.cast(new Cause.UserIdCause(startedBy));
        }
        return null;
    }

    @Override
    public Result getResult() {
        return result;
    }

    void finish(Result finalResult) {
        result = finalResult;
        building = false;
    }

    @Override
    public boolean isBuilding() {
        return building;
    }

    @Override
    public void addAction(Action a) {
        actions.add(a);
    }

    @Override
    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    @Override
    public boolean addOrReplaceAction(Action a) {
        actions.removeIf(existing -> existing.getClass() == a.getClass());
        actions.add(a);
        return true;
    }

    public List<Action> getActions() {
        return List.copyOf(actions);
    }

    /** Nothing to persist: the harness keeps builds in memory; their artifacts and the registry are on disk. */
    @Override
    public synchronized void save() {
    }
}
