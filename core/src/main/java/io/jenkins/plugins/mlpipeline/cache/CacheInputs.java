package io.jenkins.plugins.mlpipeline.cache;

import io.jenkins.plugins.mlpipeline.spec.TrainingSpec;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides what a training run produces, and nothing else: two runs with equal inputs are
 * expected to produce equivalent outputs, so the second may reuse the first's. See {@link CacheKey} for how these
 * become a key.
 *
 * <p>Secrets never enter the key: a secret's value is unknown to Jenkins (the kubelet resolves it) and a rotated
 * token must not invalidate the cache; only the plain {@code env} counts. Resources, node selection and other
 * scheduling settings do not count either: they change where a run happens, not what it computes.
 *
 * @param image        training image as given (pin it by digest so that a moved tag is a different key)
 * @param command      entrypoint override, {@code null} or empty if none
 * @param args         arguments before the params
 * @param params       training parameters (values as in the spec)
 * @param env          plain environment variables
 * @param inputs       declared inputs, e.g. data set URIs with their versions or checksums
 * @param outputsPath  directory whose files are collected, {@code null} if none
 * @param cacheVersion free text the user changes to force new runs (e.g. after changing the training data in place)
 */
public record CacheInputs(String image, List<String> command, List<String> args, Map<String, Object> params,
                          Map<String, String> env, Map<String, Object> inputs, String outputsPath,
                          String cacheVersion) {

    /** The inputs of a validated spec; its {@code secretEnv} is deliberately left out. */
    public static CacheInputs from(TrainingSpec spec, Map<String, Object> inputs, String cacheVersion) {
        return new CacheInputs(spec.getImage(), spec.getCommand(), spec.getArgs(), spec.getParams(), spec.getEnv(),
                inputs, spec.getOutputs().orElse(null), cacheVersion);
    }
}
