package io.jenkins.plugins.mlpipeline.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Turns the tar stream of a run's output directory ({@code tar -cf - -C /ml/outputs .}, executed in the output
 * sidecar) into files on the controller's disk, with the size and SHA-256 of each. Everything in the stream comes
 * from the pod and is treated as hostile.
 *
 * <p><b>All or nothing.</b> The archive is extracted into a new sibling directory {@code <destination>.partial-*},
 * which is renamed to {@code destination} only once everything has been read and checked. On any failure (a refused
 * entry, a limit, a truncated or corrupt stream, a disk error, a bug) that directory is deleted: nothing
 * half-extracted remains, and the message ends with "nothing was kept".
 *
 * <p><b>Streaming.</b> Entries are copied in 64 KiB blocks and hashed in the same pass; no file and no part of the
 * archive beyond one block is held in memory. Memory grows only with the number of entries (one row of bookkeeping
 * per path, bounded by the limits and the name rules). Whole blocks of zeros become holes in the file, so a sparse
 * or zero-filled file costs little disk. Supported formats are what commons-compress reads: ustar, GNU (long names,
 * sparse files) and PAX (long names, sparse files); sparse files are stored with their full size and content.
 *
 * <p><b>Entries.</b> Names as tar writes them ({@code ./}, {@code ./a/b}) become relative paths ({@code a/b}); see
 * {@link EntryNames} for the names refused (absolute, any {@code ..}, backslashes, control characters, too long).
 * Refused too: character and block devices, FIFOs and any type other than regular file, directory, symbolic link
 * or hard link; a path that appears twice; a directory entry with data; a header over 1 MiB (long name, PAX
 * headers, sparse map); a header with a wrong checksum; a stream that stops without tar's end-of-archive marker
 * (including an empty, 0-byte stream); more than 1 MiB after that marker. Permissions, owners and times are not
 * kept.
 *
 * <p><b>Links</b> are never created on disk. A link whose target is outside the output directory (absolute, or
 * {@code ..} past the root) is refused as soon as its header is read. The others are resolved once the whole archive
 * has been read, so a link may come before its target, and each becomes a regular copy of the file it leads to
 * (chains followed; loops, missing targets and links to directories refused: see {@link ArchiveTree}).
 *
 * <p><b>Limits</b> ({@link OutputLimits}) are checked before anything is written: an entry whose header size would
 * take the total over {@code maxBytes}, or the file (or link) that would be one too many, is refused before its data
 * is read. Link copies count as files and as bytes.
 *
 * <p><b>result.json</b> at the root of the outputs (only there) is parsed with {@link ResultFile}; it stays an
 * ordinary output file as well. A refused result.json refuses the whole outputs.
 */
public final class OutputExtractor {

    private static final String NOTHING_KEPT = "; nothing was kept";

    private OutputExtractor() {
    }

    /**
     * Reads the tar stream to its end (without closing it) and stores its files under {@code destination}.
     *
     * @param tar         the output sidecar's tar stream
     * @param destination must not exist yet; its parent directories are created if needed
     * @throws OutputRejectedException if the archive is refused (message for the build log)
     * @throws IOException             if the stream broke or the controller's disk failed
     */
    public static CollectedOutputs extract(InputStream tar, Path destination, OutputLimits limits)
            throws IOException {
        Objects.requireNonNull(tar, "tar");
        Objects.requireNonNull(limits, "limits");
        Path target = destination.toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "the outputs destination must not exist");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempDirectory(parent, target.getFileName() + ".partial-");
        CollectedOutputs outputs;
        try {
            outputs = new Extraction(tar, temporary, limits).run();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (OutputRejectedException e) {
            OutputRejectedException rejected = new OutputRejectedException(e.getMessage() + NOTHING_KEPT, e.getCause());
            rejected.setStackTrace(e.getStackTrace());
            throw deleteAfterFailure(temporary, rejected);
        } catch (IOException e) {
            throw deleteAfterFailure(temporary, new IOException("could not collect the outputs into " + target + ": "
                    + e.getMessage() + NOTHING_KEPT, e));
        } catch (RuntimeException e) {
            throw deleteAfterFailure(temporary, e);
        } catch (Error e) {
            throw deleteAfterFailure(temporary, e);
        }
        return outputs;
    }

    private static <T extends Throwable> T deleteAfterFailure(Path directory, T failure) {
        try {
            FileTrees.delete(directory);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
