package io.jenkins.plugins.mlpipeline.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory {@link PodLogSource} behaving like the log API: {@code timestamps=true} with the kubelet's fixed
 * 9-digit fraction, {@code sinceTime} honoured by whole seconds only, {@code follow} streams that block for new
 * lines and end when the container finishes. Faults: drop a stream after N lines (mid-line), fail opens with a
 * given exception, "delete" a pod (404 on open, live streams dropped).
 */
final class FakePodLogSource implements PodLogSource {

    static final DateTimeFormatter KUBELET_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** One call of {@link #open}. */
    record Open(String pod, String container, Instant sinceTime, boolean follow) {
    }

    private final Object lock = new Object();
    private final Map<String, PodLog> logs = new HashMap<>();
    private final List<Open> opens = new ArrayList<>();
    private final List<FakeStream> streams = new ArrayList<>();

    private static final class PodLog {
        final List<String> lines = new ArrayList<>();
        boolean finished;
        boolean deleted;
        final Deque<IOException> openFailures = new ArrayDeque<>();
        final Deque<Integer> dropsAfterLines = new ArrayDeque<>();
        final Deque<Integer> cleanEndsAfterLines = new ArrayDeque<>();
    }

    private PodLog log(String pod) {
        return logs.computeIfAbsent(pod, p -> new PodLog());
    }

    /** Appends a line the container printed at {@code time}. */
    void append(String pod, Instant time, String text) {
        appendRaw(pod, KUBELET_TIME.format(time) + " " + text + "\n");
    }

    /** Appends raw bytes (already with timestamp prefix and line terminator). */
    void appendRaw(String pod, String raw) {
        synchronized (lock) {
            log(pod).lines.add(raw);
            lock.notifyAll();
        }
    }

    /** The container exits: follow streams end after the existing lines. */
    void finish(String pod) {
        synchronized (lock) {
            log(pod).finished = true;
            lock.notifyAll();
        }
    }

    /** The pod is deleted: every open answers 404 and live streams fail. */
    void delete(String pod) {
        synchronized (lock) {
            log(pod).deleted = true;
            lock.notifyAll();
        }
    }

    /** The next open of {@code pod} throws {@code failure}. */
    void failNextOpen(String pod, IOException failure) {
        synchronized (lock) {
            log(pod).openFailures.add(failure);
        }
    }

    /** The next stream opened for {@code pod} fails after delivering {@code lines} lines and half of the next. */
    void dropNextStreamAfter(String pod, int lines) {
        synchronized (lock) {
            log(pod).dropsAfterLines.add(lines);
        }
    }

    /**
     * The next stream opened for {@code pod} ends cleanly (end of stream, no error) after {@code lines} lines and
     * half of the next, as a connection closed mid-line would look.
     */
    void endNextStreamMidLineAfter(String pod, int lines) {
        synchronized (lock) {
            log(pod).cleanEndsAfterLines.add(lines);
        }
    }

    List<Open> opens() {
        synchronized (lock) {
            return List.copyOf(opens);
        }
    }

    List<Open> opensOf(String pod) {
        return opens().stream().filter(o -> o.pod().equals(pod)).toList();
    }

    /** Whether every stream handed out has been closed. */
    boolean allStreamsClosed() {
        synchronized (lock) {
            return streams.stream().allMatch(s -> s.closed);
        }
    }

    @Override
    public InputStream open(String namespace, String pod, String container, Instant sinceTime, boolean follow)
            throws IOException {
        synchronized (lock) {
            opens.add(new Open(pod, container, sinceTime, follow));
            PodLog log = log(pod);
            IOException failure = log.openFailures.poll();
            if (failure != null) {
                throw failure;
            }
            if (log.deleted) {
                throw new PodLogException("HTTP 404: pods \"" + pod + "\" not found", 404, null);
            }
            Instant since = sinceTime == null ? null : sinceTime.truncatedTo(ChronoUnit.SECONDS);
            int first = 0;
            if (since != null) {
                while (first < log.lines.size() && timeOf(log.lines.get(first)).isBefore(since)) {
                    first++;
                }
            }
            Integer dropAfter = log.dropsAfterLines.poll();
            Integer cleanEndAfter = dropAfter == null ? log.cleanEndsAfterLines.poll() : null;
            int cutAfter = dropAfter != null ? dropAfter : cleanEndAfter != null ? cleanEndAfter : -1;
            FakeStream stream = new FakeStream(log, first, follow, cutAfter, cleanEndAfter != null);
            streams.add(stream);
            return stream;
        }
    }

    private static Instant timeOf(String raw) {
        return Instant.parse(raw.substring(0, raw.indexOf(' ')));
    }

    private final class FakeStream extends InputStream {
        private final PodLog log;
        private final boolean follow;
        private final int dropAfterLines;
        private final boolean endCleanly;
        private int nextLine;
        private int served;
        private byte[] current = new byte[0];
        private int pos;
        private boolean closed;

        FakeStream(PodLog log, int firstLine, boolean follow, int dropAfterLines, boolean endCleanly) {
            this.log = log;
            this.endCleanly = endCleanly;
            this.nextLine = firstLine;
            this.follow = follow;
            this.dropAfterLines = dropAfterLines;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (lock) {
                while (pos == current.length) {
                    if (closed) {
                        throw new IOException("stream closed");
                    }
                    if (log.deleted) {
                        throw new IOException("connection reset: pod deleted");
                    }
                    if (served < 0) {
                        if (endCleanly) {
                            return -1;
                        }
                        throw new IOException("connection dropped");
                    }
                    if (nextLine < log.lines.size()) {
                        byte[] line = log.lines.get(nextLine++).getBytes(StandardCharsets.UTF_8);
                        if (dropAfterLines >= 0 && served == dropAfterLines) {
                            // Serve half of this line, then fail on the next read.
                            current = Arrays.copyOf(line, line.length / 2);
                            pos = 0;
                            served = Integer.MIN_VALUE;
                            break;
                        }
                        served++;
                        current = line;
                        pos = 0;
                        break;
                    }
                    if (!follow || log.finished) {
                        return -1;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                closed = true;
                lock.notifyAll();
            }
        }
    }
}
