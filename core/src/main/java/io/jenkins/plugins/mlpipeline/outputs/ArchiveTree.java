package io.jenkins.plugins.mlpipeline.outputs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an output archive holds, by path (entries and the directories they imply). It refuses collisions before
 * anything is written (a path twice, a file where a directory is needed), and resolves links once the whole archive
 * has been read, so that a link may come before or after its target.
 *
 * <p>Link resolution, decided here: a link must lead to a regular file of the archive. Chains of links are followed
 * (at most {@value #MAX_LINK_HOPS}, like Linux); a loop, a missing target, or a target that is a directory (or the
 * output directory itself) is refused. A target path may only pass through directories of the archive, never through
 * a link: links to directories are not supported, and refusing them keeps the lexical {@code ..} handling here equal
 * to what a real file system would do.
 */
final class ArchiveTree {

    static final int MAX_LINK_HOPS = 40;

    private enum Kind {
        DIRECTORY("a directory"), FILE("a regular file"), LINK("a link");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** A link entry, kept until the whole archive has been read. */
    record Link(String entryName, List<String> segments, String target, boolean symbolic) {

        String path() {
            return EntryNames.joined(segments);
        }

        String description() {
            return symbolic ? "a symbolic link" : "a hard link";
        }
    }

    private final Map<String, Kind> kinds = new HashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    private int directories;

    /** A directory entry; the same directory may appear more than once. */
    void addDirectory(String entryName, List<String> segments) throws OutputRejectedException {
        addParents(entryName, segments);
        String path = EntryNames.joined(segments);
        Kind existing = kinds.get(path);
        if (existing == null) {
            kinds.put(path, Kind.DIRECTORY);
            directories++;
        } else if (existing != Kind.DIRECTORY) {
            throw appearsTwice(entryName, Kind.DIRECTORY, existing);
        }
    }

    void addFile(String entryName, List<String> segments) throws OutputRejectedException {
        addUnique(entryName, segments, Kind.FILE);
    }

    void addLink(Link link) throws OutputRejectedException {
        addUnique(link.entryName(), link.segments(), Kind.LINK);
        links.put(link.path(), link);
    }

    /** Directories named by entries or implied by their paths, the output directory itself not counted. */
    int directoryCount() {
        return directories;
    }

    /** In archive order. */
    Collection<Link> links() {
        return links.values();
    }

    /**
     * @return the path of the regular file the link leads to, through any chain of links
     * @throws OutputRejectedException if it leads nowhere acceptable (see the class comment)
     */
    String resolve(Link link) throws OutputRejectedException {
        Set<String> visited = new HashSet<>();
        Link current = link;
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            visited.add(current.path());
            List<String> walked = new ArrayList<>(current.symbolic()
                    ? current.segments().subList(0, current.segments().size() - 1) : List.of());
            for (String segment : current.target().split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                Kind passedThrough = kindOf(walked);
                if (passedThrough != Kind.DIRECTORY) {
                    throw unresolvable(link, current, passedThrough == null
                            ? shownPath(walked) + " is not in the archive"
                            : shownPath(walked) + " is " + passedThrough.description + ", not a directory");
                }
                if (!segment.equals("..")) {
                    walked.add(segment);
                } else if (walked.isEmpty()) {
                    // Already refused when the header arrived (EntryNames.checkLinkTarget); kept as a last guard.
                    throw unresolvable(link, current, "it leads outside the output directory");
                } else {
                    walked.remove(walked.size() - 1);
                }
            }
            Kind kind = kindOf(walked);
            if (kind == Kind.FILE) {
                return EntryNames.joined(walked);
            } else if (kind == null) {
                throw unresolvable(link, current, shownPath(walked) + " is not in the archive");
            } else if (kind == Kind.DIRECTORY) {
                throw unresolvable(link, current,
                        shownPath(walked) + " is a directory, and links to directories are not supported");
            }
            String next = EntryNames.joined(walked);
            if (visited.contains(next)) {
                throw unresolvable(link, current, "the links form a loop");
            }
            current = links.get(next);
        }
        throw unresolvable(link, current, "it goes through more than " + MAX_LINK_HOPS + " links");
    }

    private void addUnique(String entryName, List<String> segments, Kind kind) throws OutputRejectedException {
        addParents(entryName, segments);
        Kind existing = kinds.putIfAbsent(EntryNames.joined(segments), kind);
        if (existing != null) {
            throw appearsTwice(entryName, kind, existing);
        }
    }

    /** Registers the directories a path implies; each must not be anything else. */
    private void addParents(String entryName, List<String> segments) throws OutputRejectedException {
        for (int end = 1; end < segments.size(); end++) {
            String parent = EntryNames.joined(segments.subList(0, end));
            Kind existing = kinds.putIfAbsent(parent, Kind.DIRECTORY);
            if (existing == null) {
                directories++;
            } else if (existing != Kind.DIRECTORY) {
                throw new OutputRejectedException("output archive entry " + Messages.quoted(entryName)
                        + " is inside " + Messages.quoted(parent) + ", which the archive holds as "
                        + existing.description + "; a path may appear only once");
            }
        }
    }

    private Kind kindOf(List<String> segments) {
        return segments.isEmpty() ? Kind.DIRECTORY : kinds.get(EntryNames.joined(segments));
    }

    private static String shownPath(List<String> segments) {
        return segments.isEmpty() ? "the output directory itself" : Messages.quoted(EntryNames.joined(segments));
    }

    private static OutputRejectedException appearsTwice(String entryName, Kind now, Kind before) {
        String kinds = before == now ? "both times as " + now.description
                : "as " + before.description + " and as " + now.description;
        return new OutputRejectedException("output archive entry " + Messages.quoted(entryName) + " appears twice, "
                + kinds + "; a path may appear only once");
    }

    private static OutputRejectedException unresolvable(Link link, Link current, String problem) {
        String via = current == link ? "" : " (followed through " + Messages.quoted(current.entryName()) + ")";
        return new OutputRejectedException("output archive entry " + Messages.quoted(link.entryName()) + " is "
                + link.description() + " to " + Messages.quoted(link.target()) + via + ", but " + problem
                + "; links must lead to a regular file of the archive");
    }
}
