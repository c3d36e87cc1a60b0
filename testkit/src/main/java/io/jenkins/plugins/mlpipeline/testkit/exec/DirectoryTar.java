package io.jenkins.plugins.mlpipeline.testkit.exec;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Writes a directory as {@code tar -cf - -C <dir> .} does: entries {@code ./}, {@code ./a}, {@code ./d/},
 * {@code ./d/b}; directories before their content, names in sorted order (busybox uses directory order); owner root
 * (uid and gid 0), the files' permissions and modification times; symbolic links as links; POSIX (PAX) headers for
 * long names and large sizes. File content is streamed in 64 KiB reads, never held whole.
 */
final class DirectoryTar {

    /** Receives the warnings tar prints to stderr while it goes on. */
    interface Warnings {
        void warn(String message) throws IOException;
    }

    private static final int READ_SIZE = 64 * 1024;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_SYMLINK = 0120000;

    private final TarArchiveOutputStream tar;
    private final Warnings warnings;
    private final byte[] buffer = new byte[READ_SIZE];
    private boolean clean = true;

    private DirectoryTar(OutputStream out, Warnings warnings) {
        this.tar = new TarArchiveOutputStream(out);
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.tar.setAddPaxHeadersForNonAsciiNames(true);
        this.warnings = warnings;
    }

    /**
     * Writes the tar of {@code root} to {@code out} (then flushed, not closed).
     *
     * @return true when every entry was archived (tar's exit code 0), false after warnings (exit code 1)
     */
    static boolean write(Path root, OutputStream out, Warnings warnings) throws IOException {
        DirectoryTar writer = new DirectoryTar(out, warnings);
        writer.directory(root, "./", attributes(root));
        writer.tar.finish();
        out.flush();
        return writer.clean;
    }

    private void directory(Path dir, String name, PosixFileAttributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        describe(entry, attributes, TYPE_DIRECTORY);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            warn("tar: " + name + ": Cannot open: " + reason(e));
            return;
        }
        children.sort(Comparator.comparing(child -> child.getFileName().toString()));
        for (Path child : children) {
            String childName = name + child.getFileName();
            PosixFileAttributes childAttributes;
            try {
                childAttributes = attributes(child);
            } catch (IOException e) {
                warn("tar: " + childName + ": Cannot stat: " + reason(e));
                continue;
            }
            if (childAttributes.isDirectory()) {
                directory(child, childName + "/", childAttributes);
            } else if (childAttributes.isSymbolicLink()) {
                symlink(child, childName, childAttributes);
            } else if (childAttributes.isRegularFile()) {
                file(child, childName, childAttributes);
            } else {
                warn("tar: " + childName + ": socket, pipe or device ignored");
            }
        }
    }

    private void symlink(Path link, String name, PosixFileAttributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        describe(entry, attributes, TYPE_SYMLINK);
        entry.setLinkName(Files.readSymbolicLink(link).toString());
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private void file(Path file, String name, PosixFileAttributes attributes) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            warn("tar: " + name + ": Cannot open: " + reason(e));
            return;
        }
        try (in) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            describe(entry, attributes, TYPE_FILE);
            entry.setSize(attributes.size());
            tar.putArchiveEntry(entry);
            long left = attributes.size();
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    // The header promised more: pad as GNU tar does, so the archive stays readable.
                    warn("tar: " + name + ": File shrank by " + left + " bytes; padding with zeros");
                    padWithZeros(left);
                    break;
                }
                tar.write(buffer, 0, n);
                left -= n;
            }
            tar.closeArchiveEntry();
        }
    }

    private void padWithZeros(long count) throws IOException {
        byte[] zeros = new byte[READ_SIZE];
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(zeros.length, left);
            tar.write(zeros, 0, n);
            left -= n;
        }
    }

    private void warn(String message) throws IOException {
        clean = false;
        warnings.warn(message);
    }

    private static void describe(TarArchiveEntry entry, PosixFileAttributes attributes, int type) {
        entry.setMode(type | permissionBits(attributes.permissions()));
        entry.setModTime(attributes.lastModifiedTime());
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
    }

    private static int permissionBits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            // The enum runs OWNER_READ .. OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
            bits |= 1 << (8 - permission.ordinal());
        }
        return bits;
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return String.valueOf(e.getMessage());
    }
}
