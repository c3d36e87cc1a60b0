package io.jenkins.plugins.mlpipeline.logs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Opens the log of one container of one pod. The stream carries raw log bytes where every line starts with the
 * RFC 3339 timestamp the kubelet adds for {@code timestamps=true} and a space.
 */
public interface PodLogSource {

    /**
     * Opens the container's log.
     *
     * @param namespace namespace of the pod
     * @param pod pod name
     * @param container container name
     * @param sinceTime first second to return, or {@code null} for the whole log; implementations may only
     *     honour whole seconds, so lines before this instant within the same second can come back
     * @param follow keep the stream open while the container runs; otherwise return what exists and end
     * @return a stream the caller must close; closing it from another thread must unblock a pending read
     * @throws PodLogException if the API refused the request (carries the HTTP status)
     * @throws IOException on any other failure to open
     */
    InputStream open(String namespace, String pod, String container, Instant sinceTime, boolean follow)
            throws IOException;
}
