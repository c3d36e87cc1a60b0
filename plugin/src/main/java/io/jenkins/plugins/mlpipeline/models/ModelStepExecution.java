package io.jenkins.plugins.mlpipeline.models;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlpipeline.registry.CorruptRegistryFileException;
import io.jenkins.plugins.mlpipeline.registry.NoSuchModelException;
import io.jenkins.plugins.mlpipeline.steps.BuildAuth;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The shape of the three registry steps: argument checks on the Pipeline thread, then one short piece of blocking
 * work (registry files, artifacts, workspace) on {@link ModelServices#blocking()}. They take seconds, so they do
 * not resume after a controller restart: they fail, saying what may or may not have happened.
 */
abstract class ModelStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private transient Thread worker;
    private transient boolean completed;

    ModelStepExecution(StepContext context) {
        super(context);
    }

    /** The step's name in messages, e.g. {@code mlArtifact}. */
    abstract String function();

    /** Checks that need no I/O, on the Pipeline thread (which runs as the build's authentication). */
    void checkBeforeStart(ModelServices services, Run<?, ?> run) throws Exception {
    }

    /** The blocking work; returns the step's result. */
    abstract Object work(ModelServices services, Run<?, ?> run, TaskListener listener) throws Exception;

    /** What a restart interrupted, for the message on resume. */
    abstract String restartAdvice();

    @Override
    public boolean start() throws Exception {
        ModelServices services = ModelServices.get();
        Run<?, ?> run = getContext().get(Run.class);
        try {
            checkBeforeStart(services, run);
        } catch (IllegalArgumentException e) {
            throw new AbortException(function() + ": " + e.getMessage());
        }
        // The work looks up builds (mlModel's copies) and asks permissions as the build, not as anonymous.
        services.blocking().execute(BuildAuth.ofPipelineThread().wrap(() -> runWork(services)));
        return false;
    }

    private void runWork(ModelServices services) {
        synchronized (this) {
            if (completed) {
                return;
            }
            worker = Thread.currentThread();
        }
        Object result;
        try {
            StepContext context = getContext();
            result = work(services, context.get(Run.class), context.get(TaskListener.class));
        } catch (Throwable t) {
            finish(null, translate(t));
            return;
        } finally {
            synchronized (this) {
                worker = null;
            }
        }
        finish(result, null);
    }

    private Throwable translate(Throwable t) {
        if (t instanceof AbortException || t instanceof InterruptedException) {
            return t;
        }
        // Expected problems get a one-line message, no stack trace: each names the field, file or build.
        if (t instanceof IllegalArgumentException || t instanceof NoSuchModelException
                || t instanceof CorruptRegistryFileException || t instanceof java.io.IOException) {
            return new AbortException(function() + ": " + t.getMessage());
        }
        return t;
    }

    private void finish(Object result, Throwable failure) {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
        }
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(result);
        }
    }

    @Override
    public void stop(Throwable cause) {
        Thread running;
        synchronized (this) {
            running = worker;
        }
        if (running != null) {
            running.interrupt();
        }
        finish(null, cause);
    }

    @Override
    public void onResume() {
        finish(null, new AbortException(function() + ": Jenkins restarted while this step was running; it does not"
                + " resume. " + restartAdvice()));
    }

    /** Asks {@link ModelServices#promotions()} whether this build may move the alias; a refusal fails the step. */
    void checkPromotion(ModelServices services, Run<?, ?> run, String model, String alias) throws AbortException {
        try {
            services.promotions().check(run, model, alias);
        } catch (RuntimeException e) {
            // Jenkins' AccessDeniedException names the user and the missing permission.
            throw new AbortException(function() + ": this build may not move alias '" + alias + "' of model '"
                    + model + "': " + e.getMessage());
        }
    }

    static void log(TaskListener listener, String message) {
        listener.getLogger().println("[ml] " + message);
    }

    /** {@code job} of a build id {@code job#number}. */
    static String jobOf(String buildId) {
        int hash = buildId.lastIndexOf('#');
        return hash < 0 ? buildId : buildId.substring(0, hash);
    }
}
