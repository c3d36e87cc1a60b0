package io.jenkins.plugins.mlpipeline.logs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * {@link PodLogSource} over fabric8 kubernetes-client 7.3.1.
 *
 * <p>Facts about 7.3.1 this relies on (checked against the published classes):
 * <ul>
 *   <li>Before every log request fabric8 waits for the pod to be ready or terminal for the context's
 *       "ready wait timeout" (milliseconds in 7.x; older versions defaulted to 5 seconds). We set it to 0 so
 *       that opening never waits on a pod: the follower only opens logs of containers it knows have started.</li>
 *   <li>{@code getLogInputStream()} (no {@code follow}) checks the HTTP status and throws
 *       {@link KubernetesClientException} with the code; {@code watchLog()} ({@code follow=true}) does not, and
 *       hands an error's JSON {@code Status} over as the stream's content, which {@link StatusBodyCheckingStream}
 *       turns back into a {@link PodLogException}.</li>
 *   <li>{@code watchLog()} uses no read or request timeout, as a long-running follow needs.</li>
 * </ul>
 */
public final class Fabric8PodLogSource implements PodLogSource {

    private final KubernetesClient client;

    public Fabric8PodLogSource(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public InputStream open(String namespace, String pod, String container, Instant sinceTime, boolean follow)
            throws IOException {
        String what = "pod " + namespace + "/" + pod + " container " + container;
        try {
            TimeTailPrettyLoggable timestamped = client.pods().inNamespace(namespace).withName(pod)
                    .inContainer(container)
                    .withReadyWaitTimeout(0)
                    .usingTimestamps();
            Loggable log = sinceTime == null ? timestamped : timestamped.sinceTime(formatSinceTime(sinceTime));
            if (!follow) {
                return log.getLogInputStream();
            }
            LogWatch watch = log.watchLog();
            InputStream output = watch.getOutput();
            if (output == null) {
                watch.close();
                throw new IOException("no response stream for the log of " + what);
            }
            return new StatusBodyCheckingStream(new WatchClosingStream(output, watch), what);
        } catch (KubernetesClientException e) {
            throw new PodLogException(reason(e), e.getCode(), e);
        }
    }

    /** A short reason for the build log, e.g. {@code HTTP 404: pods "x" not found}, not fabric8's full request. */
    private static String reason(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + message : String.valueOf(message);
    }

    /**
     * The API takes {@code sinceTime} as RFC 3339 with whole seconds only; a fraction would be dropped by the API
     * server anyway, and an explicit truncation keeps what we send equal to what is honoured.
     */
    static String formatSinceTime(Instant sinceTime) {
        return DateTimeFormatter.ISO_INSTANT.format(sinceTime.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Closing the stream also cancels the HTTP exchange behind the {@link LogWatch}. */
    private static final class WatchClosingStream extends FilterInputStream {

        private final LogWatch watch;

        WatchClosingStream(InputStream in, LogWatch watch) {
            super(in);
            this.watch = watch;
        }

        @Override
        public void close() throws IOException {
            try {
                watch.close();
            } finally {
                super.close();
            }
        }
    }
}
