package io.jenkins.plugins.mlpipeline.outputs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the names in an output archive into safe relative paths, and checks link targets without touching the disk.
 *
 * <p>{@code tar -cf - -C dir .} writes {@code ./}, {@code ./a/}, {@code ./a/b}; names without the {@code ./} are
 * accepted too. Empty and {@code .} segments are dropped. Refused: absolute names, any {@code ..} segment (even one
 * that would stay inside: no archive tar writes has one, so it can only be an attack or a bug), backslashes (a
 * separator on a Windows controller), control characters (NUL can arrive through PAX headers; newlines would fake
 * build log lines), names over {@value #MAX_NAME_CHARS} characters and segments over {@value #MAX_SEGMENT_BYTES}
 * bytes.
 */
final class EntryNames {

    static final int MAX_NAME_CHARS = 4096;
    static final int MAX_SEGMENT_BYTES = 255;

    private EntryNames() {
    }

    /**
     * @param name an entry name as the archive holds it
     * @return the segments of the path below the output directory; empty for the output directory itself
     */
    static List<String> segments(String name) throws OutputRejectedException {
        String problem = unsafeCharacters(name);
        if (problem == null && name.startsWith("/")) {
            problem = "is an absolute path";
        }
        List<String> segments = new ArrayList<>();
        if (problem == null) {
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    problem = "contains a '..' segment";
                    break;
                } else if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                    problem = "has a path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
                    break;
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    segments.add(segment);
                }
            }
        }
        if (problem != null) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(name) + " " + problem
                    + ": entries must be relative paths inside the output directory, without '..', backslashes "
                    + "or control characters, at most " + MAX_NAME_CHARS + " characters");
        }
        return segments;
    }

    /**
     * Checks a link target as far as it can be checked without knowing the other entries, so that an escaping link
     * is refused as soon as its header arrives: a symbolic link's target is relative to the link's directory, a hard
     * link's target is an archive member name (relative to the root). {@link ArchiveTree} resolves it for real once
     * the whole archive has been read.
     *
     * @param entryName    the link entry's name, for messages
     * @param linkSegments the link's own path
     * @throws OutputRejectedException if the target is absolute, leaves the output directory or has unsafe characters
     */
    static void checkLinkTarget(String entryName, List<String> linkSegments, String target, boolean symbolic)
            throws OutputRejectedException {
        String kind = symbolic ? "a symbolic link" : "a hard link";
        String problem = target == null || target.isEmpty() ? "has no target" : unsafeCharacters(target);
        if (problem != null) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(entryName) + " is " + kind
                    + " that " + problem + "; link targets must be relative paths without backslashes or control "
                    + "characters");
        }
        int depth = symbolic ? linkSegments.size() - 1 : 0;
        boolean outside = target.startsWith("/");
        for (String segment : target.split("/")) {
            if (outside) {
                break;
            } else if (segment.equals("..")) {
                outside = depth == 0;
                depth--;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        if (outside) {
            throw new OutputRejectedException("output archive entry " + Messages.quoted(entryName) + " is " + kind
                    + " to " + Messages.quoted(target) + ", which is outside the output directory; links must point "
                    + "to a file inside it");
        }
    }

    static String joined(List<String> segments) {
        return String.join("/", segments);
    }

    /** @return what is wrong with the characters of a name or link target, or null if nothing */
    private static String unsafeCharacters(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            return "is longer than " + MAX_NAME_CHARS + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                return "contains a backslash";
            } else if (Character.isISOControl(c)) {
                return "contains a control character";
            }
        }
        return null;
    }
}
