package io.jenkins.plugins.mlpipeline.testkit.exec;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A command the emulated container runtime can run in a container: {@code tar -cf - -C <dir> .}, {@code kill} of
 * PID 1, {@code true}, each also as the single simple command of {@code sh -c "<script>"}. Anything else is
 * answered as busybox's shell answers a missing program: {@code sh: <name>: not found} on stderr, exit code 127.
 */
interface ExecCommand {

    int NOT_FOUND_EXIT = 127;

    /** Runs the command; returns its exit code. */
    int run(ExecIo io) throws IOException;

    static ExecCommand parse(List<String> argv) {
        if (isShell(argv.get(0)) && argv.size() >= 2 && argv.get(1).equals("-c")) {
            if (argv.size() < 3) {
                return io -> fail(io, "sh: -c requires an argument", 2);
            }
            String script = argv.get(2);
            List<String> words = ShellWords.split(script);
            if (words == null) {
                return io -> fail(io, "sh: the cluster emulator runs one simple command per exec (no ;, &&, |, "
                        + "redirections, globs or $ expansions), not: " + script, 2);
            }
            return words.isEmpty() ? io -> 0 : program(words);
        }
        return program(argv);
    }

    private static ExecCommand program(List<String> words) {
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (baseName(name)) {
            case "tar":
                return TarCommand.parse(args);
            case "kill":
                return KillCommand.parse(args);
            case "true":
                return io -> 0;
            default:
                return io -> fail(io, "sh: " + name + ": not found", NOT_FOUND_EXIT);
        }
    }

    private static boolean isShell(String name) {
        return Set.of("sh", "ash", "bash").contains(baseName(name));
    }

    /** {@code /bin/tar} is {@code tar}; a program elsewhere keeps its full name (and is not found). */
    private static String baseName(String name) {
        for (String dir : List.of("/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/", "/usr/local/bin/")) {
            if (name.startsWith(dir) && name.indexOf('/', dir.length()) < 0) {
                return name.substring(dir.length());
            }
        }
        return name;
    }

    static int fail(ExecIo io, String message, int exitCode) throws IOException {
        io.error(message);
        return exitCode;
    }
}
