package io.jenkins.plugins.mlpipeline.outputs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One run of {@link OutputExtractor#extract}: reads the archive into an empty directory it does not own (the caller
 * moves or deletes it). The rules are in {@link OutputExtractor}'s class comment. Not thread-safe.
 */
final class Extraction {

    /** Per entry: padding of the previous entry, GNU long names, PAX headers, sparse maps, the header itself. */
    static final long MAX_HEADER_BYTES = 1024 * 1024;
    /** tar pads its last block; a few KiB are normal, anything beyond this is not an archive tar wrote. */
    static final long MAX_TRAILING_BYTES = 1024 * 1024;

    private static final String BYTES_SETTING = "outputsMaxBytes in the ML Pipeline global configuration";
    private static final String FILES_SETTING = "outputsMaxFiles in the ML Pipeline global configuration";

    private final ArchiveSource source;
    private final CheckedTarInputStream tar;
    private final Path root;
    private final OutputLimits limits;
    private final ArchiveTree tree = new ArchiveTree();
    private final HashingFileWriter writer = new HashingFileWriter();
    /** Regular files and, once materialised, link copies; by path. */
    private final Map<String, OutputFile> files = new HashMap<>();
    /** Directories known to exist on disk: most files land in a directory already made (a syscall saved each). */
    private final Set<Path> createdDirectories = new HashSet<>();
    private int fileEntries;
    private long totalBytes;
    private String lastEntryName;

    Extraction(InputStream archive, Path root, OutputLimits limits) {
        this.source = new ArchiveSource(archive);
        this.tar = new CheckedTarInputStream(source);
        this.root = root;
        this.limits = limits;
    }

    CollectedOutputs run() throws IOException {
        TarArchiveEntry entry;
        while ((entry = nextEntry()) != null) {
            lastEntryName = entry.getName();
            store(entry);
        }
        checkEnd();
        for (ArchiveTree.Link link : tree.links()) {
            materialise(link);
        }
        Map<String, Object> result = Map.of();
        Optional<RemoteModel> remote = Optional.empty();
        if (files.containsKey(ResultFile.NAME)) {
            try (InputStream in = Files.newInputStream(root.resolve(ResultFile.NAME))) {
                result = ResultFile.parse(in, ResultFile.NAME);
            }
            remote = ResultFile.remoteModel(result);
        }
        List<OutputFile> sorted = new ArrayList<>(files.values());
        sorted.sort(Comparator.comparing(OutputFile::path));
        return new CollectedOutputs(sorted, totalBytes, result, remote);
    }

    private TarArchiveEntry nextEntry() throws IOException {
        TarArchiveEntry entry;
        source.startHeader(MAX_HEADER_BYTES);
        try {
            entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw readFailure(e, afterLastEntry());
        } finally {
            source.endHeader();
        }
        // commons-compress does not verify header checksums: without this, garbage would be read as entries.
        if (entry != null && !entry.isCheckSumOK()) {
            throw new OutputRejectedException("output archive is corrupt " + afterLastEntry()
                    + ": the next entry header has a wrong checksum");
        }
        return entry;
    }

    private void store(TarArchiveEntry entry) throws IOException {
        String name = entry.getName();
        byte type = entry.getLinkFlag();
        switch (type) {
            case TarConstants.LF_SYMLINK -> storeLink(entry, true);
            case TarConstants.LF_LINK -> storeLink(entry, false);
            case TarConstants.LF_CHR -> throw unsupported(name, "a character device");
            case TarConstants.LF_BLK -> throw unsupported(name, "a block device");
            case TarConstants.LF_FIFO -> throw unsupported(name, "a FIFO (named pipe)");
            default -> {
                // isFile() of commons-compress is true for anything that is not a directory (links, devices, ...),
                // so regular files are recognised by their type flag.
                if (entry.isDirectory()) {
                    storeDirectory(entry);
                } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
                        || type == TarConstants.LF_CONTIG || type == TarConstants.LF_GNUTYPE_SPARSE) {
                    storeFile(entry);
                } else {
                    throw unsupported(name, "of type " + typeName(type));
                }
            }
        }
    }

    private void storeFile(TarArchiveEntry entry) throws IOException {
        String name = entry.getName();
        List<String> segments = EntryNames.segments(name);
        if (segments.isEmpty()) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(name)
                    + " is a regular file named like the output directory itself");
        }
        tree.addFile(name, segments);
        checkDirectoryCount(name);
        countFile(name);
        long size = entry.getRealSize();
        if (size < 0) {
            throw new OutputRejectedException("output archive is corrupt: entry " + Messages.quoted(name)
                    + " has a negative size");
        }
        checkTotal(name, size);
        Path file = diskPath(name, segments);
        createDirectories(file.getParent());
        HashingFileWriter.Written written;
        try {
            written = writer.write(tar, file);
        } catch (HashingFileWriter.SourceFailedException e) {
            throw readFailure((Exception) e.getCause(), "in entry " + Messages.quoted(name));
        } catch (FileAlreadyExistsException e) {
            throw collision(name, e);
        }
        if (written.size() != size) {
            // The reader throws for a short entry; this guards against one that quietly stops.
            throw new OutputRejectedException("output archive ended early in entry " + Messages.quoted(name)
                    + ": " + written.size() + " of " + size + " bytes");
        }
        totalBytes += size;
        String path = EntryNames.joined(segments);
        files.put(path, new OutputFile(path, size, written.sha256()));
    }

    private void storeDirectory(TarArchiveEntry entry) throws IOException {
        String name = entry.getName();
        List<String> segments = EntryNames.segments(name);
        if (entry.getSize() > 0) {
            // The reader would not skip such data and would take it for the next header.
            throw new OutputRejectedException("output archive entry " + Messages.quoted(name) + " is a directory "
                    + "that carries " + entry.getSize() + " bytes of data, which a directory cannot have");
        }
        if (segments.isEmpty()) {
            return; // "./": the output directory itself
        }
        tree.addDirectory(name, segments);
        checkDirectoryCount(name);
        createDirectories(diskPath(name, segments));
    }

    private void storeLink(TarArchiveEntry entry, boolean symbolic) throws IOException {
        String name = entry.getName();
        List<String> segments = EntryNames.segments(name);
        if (segments.isEmpty()) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(name)
                    + " is a link named like the output directory itself");
        }
        EntryNames.checkLinkTarget(name, segments, entry.getLinkName(), symbolic);
        tree.addLink(new ArchiveTree.Link(name, segments, entry.getLinkName(), symbolic));
        checkDirectoryCount(name);
        countFile(name);
        diskPath(name, segments);
        // tar writes links without data; should one carry some, it is read past here, outside the header budget.
        try {
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            throw readFailure(e, "in entry " + Messages.quoted(name));
        }
    }

    /** Links become copies of the file they lead to; only now is every possible target known. */
    private void materialise(ArchiveTree.Link link) throws IOException {
        OutputFile target = files.get(tree.resolve(link));
        checkTotal(link.entryName(), target.size());
        Path copy = diskPath(link.entryName(), link.segments());
        createDirectories(copy.getParent());
        HashingFileWriter.Written written;
        Path original = diskPath(target.path(), List.of(target.path().split("/")));
        try (InputStream in = Files.newInputStream(original)) {
            written = writer.write(in, copy);
        } catch (FileAlreadyExistsException e) {
            throw collision(link.entryName(), e);
        }
        totalBytes += written.size();
        files.put(link.path(), new OutputFile(link.path(), written.size(), written.sha256()));
    }

    private void checkEnd() throws IOException {
        if (!tar.endMarkerSeen()) {
            if (source.bytesRead() == 0) {
                throw new OutputRejectedException("output archive is empty (0 bytes, not even an end-of-archive "
                        + "marker): the tar command in the output sidecar produced nothing");
            }
            throw new OutputRejectedException("output archive ended early " + afterLastEntry()
                    + ": the end-of-archive marker is missing");
        }
        byte[] scratch = new byte[8192];
        long trailing = 0;
        try {
            int read;
            while ((read = source.read(scratch, 0, scratch.length)) >= 0) {
                trailing += read;
                if (trailing > MAX_TRAILING_BYTES) {
                    throw new OutputRejectedException("output archive goes on for more than "
                            + Messages.bytes(MAX_TRAILING_BYTES) + " after its end-of-archive marker");
                }
            }
        } catch (OutputRejectedException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(e, "after its end-of-archive marker");
        }
    }

    private void createDirectories(Path directory) throws IOException {
        if (createdDirectories.add(directory)) {
            try {
                Files.createDirectories(directory);
            } catch (FileAlreadyExistsException e) {
                throw collision(root.relativize(directory).toString(), e);
            }
        }
    }

    /**
     * The archive's paths are all distinct (see {@link ArchiveTree}), so a clash on disk means the controller's file
     * system folds names together: case-insensitive (Windows, macOS) or trailing dots and spaces (Windows).
     */
    private static OutputRejectedException collision(String name, FileAlreadyExistsException e) {
        return new OutputRejectedException("output archive entry " + Messages.quoted(name) + " collides with "
                + "another entry on this controller's file system (names that differ only in case?): "
                + e.getFile(), e);
    }

    private void countFile(String name) throws OutputRejectedException {
        if (++fileEntries > limits.maxFiles()) {
            throw new OutputRejectedException("outputs exceed the limit of " + Messages.count(limits.maxFiles())
                    + " files (" + FILES_SETTING + "): entry " + Messages.quoted(name) + " would be file number "
                    + Messages.count(fileEntries));
        }
    }

    private void checkDirectoryCount(String name) throws OutputRejectedException {
        if (tree.directoryCount() > limits.maxFiles()) {
            throw new OutputRejectedException("outputs exceed the limit of " + Messages.count(limits.maxFiles())
                    + " directories (" + FILES_SETTING + ", which bounds directories too): entry "
                    + Messages.quoted(name) + " brings the count to " + Messages.count(tree.directoryCount()));
        }
    }

    private void checkTotal(String name, long size) throws OutputRejectedException {
        if (size > limits.maxBytes() - totalBytes) {
            long total = size > Long.MAX_VALUE - totalBytes ? Long.MAX_VALUE : totalBytes + size;
            throw new OutputRejectedException("outputs exceed the limit of "
                    + Messages.bytesExactly(limits.maxBytes()) + " (" + BYTES_SETTING + "): entry "
                    + Messages.quoted(name) + " (" + Messages.bytes(size) + ") would bring the total to "
                    + Messages.bytesExactly(total));
        }
    }

    /** Where an entry goes; the checks make sure it is inside the root on any file system (think Windows). */
    private Path diskPath(String name, List<String> segments) throws OutputRejectedException {
        Path path = root;
        try {
            for (String segment : segments) {
                path = path.resolve(segment);
            }
        } catch (InvalidPathException e) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(name)
                    + " cannot be stored on this controller's file system: " + e.getReason(), e);
        }
        if (!path.normalize().startsWith(root) || path.getNameCount() != root.getNameCount() + segments.size()) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(name)
                    + " does not name a path inside the output directory on this controller's file system");
        }
        return path;
    }

    /** Explains a failure of the tar reader: a broken connection, a truncated stream or a corrupt archive. */
    private IOException readFailure(Exception e, String where) {
        if (source.headerTooLarge()) {
            return new OutputRejectedException("output archive has an entry header (long name, PAX or sparse "
                    + "headers) larger than " + Messages.bytes(MAX_HEADER_BYTES) + " " + where, e);
        } else if (source.failure() != null) {
            return new IOException("reading the output archive failed " + where + ": " + source.failure(), e);
        } else if (source.ended()) {
            return new OutputRejectedException("output archive ended early " + where, e);
        } else {
            return new OutputRejectedException("output archive is corrupt " + where + ": " + e.getMessage(), e);
        }
    }

    private String afterLastEntry() {
        return lastEntryName == null ? "at its start" : "after entry " + Messages.quoted(lastEntryName);
    }

    private static OutputRejectedException unsupported(String name, String what) {
        return new OutputRejectedException("output archive entry " + Messages.quoted(name) + " is " + what
                + "; only regular files, directories, symbolic links and hard links are allowed");
    }

    private static String typeName(byte type) {
        return type >= 0x21 && type <= 0x7e ? "'" + (char) type + "'" : "code " + (type & 0xff);
    }
}
