package io.jenkins.plugins.mlpipeline.testkit.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tar -cf - -C <dir> .} (also {@code cf -} and {@code -c -f -}): a tar of the directory on stdout, streamed
 * from disk. Error messages and exit codes are busybox's, the tar of the usual sidecar images.
 */
final class TarCommand implements ExecCommand {

    private static final List<List<String>> CREATE_TO_STDOUT =
            List.of(List.of("-cf", "-"), List.of("cf", "-"), List.of("-c", "-f", "-"));

    private final String directory;

    private TarCommand(String directory) {
        this.directory = directory;
    }

    static ExecCommand parse(List<String> args) {
        for (List<String> create : CREATE_TO_STDOUT) {
            int n = create.size();
            if (args.size() == n + 3 && args.subList(0, n).equals(create) && args.get(n).equals("-C")
                    && args.get(n + 2).equals(".")) {
                return new TarCommand(args.get(n + 1));
            }
        }
        String given = String.join(" ", args);
        return io -> ExecCommand.fail(io, "tar: the cluster emulator runs only 'tar -cf - -C <dir> .', not: tar "
                + given, 1);
    }

    @Override
    public int run(ExecIo io) throws IOException {
        Path dir = io.target().hostPath(directory);
        if (dir == null || !Files.exists(dir)) {
            return ExecCommand.fail(io, "tar: can't change directory to '" + directory
                    + "': No such file or directory", 1);
        }
        if (!Files.isDirectory(dir)) {
            return ExecCommand.fail(io, "tar: can't change directory to '" + directory + "': Not a directory", 1);
        }
        return DirectoryTar.write(dir, io.stdout(), io::error) ? 0 : 1;
    }
}
