package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.jenkins.plugins.mlpipeline.testkit.ContainerScript;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/** What tests said containers of each image do, and which images cannot be pulled. Safe to change at any time. */
public final class ImageBehaviours {

    /** A pull that fails: the waiting reason and the runtime's error text. */
    public record PullFailure(String reason, String message) {
    }

    private final Map<String, IntFunction<ContainerScript>> scripts = new ConcurrentHashMap<>();
    private final Map<String, PullFailure> pullFailures = new ConcurrentHashMap<>();
    private final ContainerScript defaultScript;

    public ImageBehaviours(Duration defaultRunTime) {
        this.defaultScript = ContainerScript.create().sleep(defaultRunTime);
    }

    public void script(String image, IntFunction<ContainerScript> byAttempt) {
        scripts.put(image, byAttempt);
    }

    public void failPull(String image, String reason, String message) {
        pullFailures.put(image, new PullFailure(reason, message));
    }

    /** The script for a container of this image in the given attempt (0-based pod index within its Job). */
    public ContainerScript scriptFor(String image, int attempt) {
        IntFunction<ContainerScript> byAttempt = scripts.get(image);
        ContainerScript script = byAttempt == null ? null : byAttempt.apply(attempt);
        return script == null ? defaultScript : script;
    }

    /** The pull failure configured for the image, or {@code null}. */
    public PullFailure pullFailure(String image) {
        return pullFailures.get(image);
    }
}
