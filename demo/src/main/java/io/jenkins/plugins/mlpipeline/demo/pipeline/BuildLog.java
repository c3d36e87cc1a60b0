package io.jenkins.plugins.mlpipeline.demo.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The console log of one build: whole lines, in the order they were completed, optionally copied to another stream
 * (the demo shows the log live on the terminal). Lines written inside a {@code parallel} branch carry the branch
 * name as prefix, as Pipeline's console shows them.
 */
public final class BuildLog {

    private final List<String> lines = new ArrayList<>();
    private final PrintStream echo;

    /** @param echo where every line is copied as it completes, or null */
    public BuildLog(PrintStream echo) {
        this.echo = echo;
    }

    public void line(String text) {
        synchronized (lines) {
            lines.add(text);
            if (echo != null) {
                echo.println(text);
                echo.flush();
            }
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        return String.join("\n", lines()) + "\n";
    }

    /** A stream whose every line becomes a log line, prefixed with {@code [prefix] } when a prefix is given. */
    public PrintStream stream(String prefix) {
        return new PrintStream(new LineSplitter(prefix == null ? "" : "[" + prefix + "] "), true,
                StandardCharsets.UTF_8);
    }

    /** Splits bytes into lines; each stream keeps its own partial line so branches never mix inside a line. */
    private final class LineSplitter extends OutputStream {
        private final String prefix;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() {
            // a partial line waits for its end: flushing it would split it in two log lines
        }

        @Override
        public synchronized void close() {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            line(prefix + text);
        }
    }
}
