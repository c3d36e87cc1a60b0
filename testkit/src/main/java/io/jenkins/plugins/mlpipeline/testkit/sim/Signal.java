package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.util.Locale;

/** The POSIX signals an exec'd {@code kill} can name (Linux numbers). */
public enum Signal {
    HUP(1), INT(2), QUIT(3), KILL(9), USR1(10), USR2(12), TERM(15);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** {@code INT}, {@code SIGINT}, {@code int} or {@code 2}; {@code null} when it names no signal listed here. */
    public static Signal parse(String text) {
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        for (Signal signal : values()) {
            if (signal.name().equals(name) || String.valueOf(signal.number).equals(name)) {
                return signal;
            }
        }
        return null;
    }

    /** SIGINT and SIGTERM: the signals a shell's {@code trap 'exit 0' INT TERM} catches. */
    public boolean isInterruptOrTerminate() {
        return this == INT || this == TERM;
    }
}
