package io.jenkins.plugins.mlpipeline.testkit.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the script of {@code sh -c <script>} into words the way a POSIX shell does for one simple command: blanks
 * separate words, single quotes keep everything literal, double quotes and backslashes escape. Anything that would
 * need a real shell (several commands, pipes, redirections, expansions, globs) is refused.
 */
final class ShellWords {

    private static final String NEEDS_A_SHELL = ";&|<>()$`*?[~#{}\n";

    private ShellWords() {
    }

    /** The words, or {@code null} when the script is more than one simple command without expansions. */
    static List<String> split(String script) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                int end = script.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                word.append(script, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(script, i + 1, word);
                if (i < 0) {
                    return null;
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= script.length()) {
                    return null;
                }
                word.append(script.charAt(++i));
                inWord = true;
            } else if (NEEDS_A_SHELL.indexOf(c) >= 0) {
                return null;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends a double-quoted part starting after its quote; returns the index of the closing quote, or -1. */
    private static int doubleQuoted(String script, int start, StringBuilder word) {
        for (int i = start; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '$' || c == '`') {
                return -1;
            }
            if (c == '\\' && i + 1 < script.length() && "\"\\$`".indexOf(script.charAt(i + 1)) >= 0) {
                c = script.charAt(++i);
            }
            word.append(c);
        }
        return -1;
    }
}
