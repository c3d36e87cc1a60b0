package io.jenkins.plugins.mlpipeline.steps;

import java.util.Map;

/**
 * Which Job an mlSensor waits for, read from its arguments: {@code run:} (the map mlTrain returned, or its id
 * {@code namespace/name}) or {@code job:} with an optional {@code namespace:}. The cloud comes from
 * {@code cloud:}, else the run map, else the default.
 *
 * @param namespace null when only {@code job:} was given; the namespace fallback then applies
 */
record SensorTarget(String cloud, String namespace, String name, String uid) {

    static SensorTarget of(MlSensorStep step) {
        Object run = step.getRun();
        if (run != null && step.getJob() != null) {
            throw new IllegalArgumentException("give either run: (what mlTrain returned) or job: (a Job name), not"
                    + " both");
        }
        if (run == null && step.getJob() == null) {
            throw new IllegalArgumentException("run: or job: is required: run: takes what mlTrain(wait: false)"
                    + " returned (or its id 'namespace/name'), job: the name of any Kubernetes Job");
        }
        if (step.getJob() != null) {
            return new SensorTarget(step.getCloud(), step.getNamespace(), step.getJob(), null);
        }
        String id;
        String cloud = step.getCloud();
        String uid = null;
        if (run instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) run;
            Object value = map.get("id");
            if (value == null) {
                throw new IllegalArgumentException("run: the map has no 'id'; pass the map mlTrain returned, or its"
                        + " id 'namespace/name'");
            }
            id = value.toString();
            if (cloud == null && map.get("cloud") != null) {
                cloud = map.get("cloud").toString();
            }
            uid = map.get("uid") == null ? null : map.get("uid").toString();
        } else if (run instanceof String) {
            id = (String) run;
        } else {
            throw new IllegalArgumentException("run: must be the map mlTrain returned or its id 'namespace/name', got "
                    + run.getClass().getSimpleName());
        }
        int slash = id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1 || id.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("run: '" + id + "' is not a run id; write 'namespace/name'");
        }
        String namespace = id.substring(0, slash);
        if (step.getNamespace() != null && !step.getNamespace().equals(namespace)) {
            throw new IllegalArgumentException("namespace: '" + step.getNamespace() + "' contradicts the run's"
                    + " namespace '" + namespace + "'; leave namespace: out when giving run:");
        }
        return new SensorTarget(cloud, namespace, id.substring(slash + 1), uid);
    }
}
