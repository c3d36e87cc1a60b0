package io.jenkins.plugins.mlpipeline.demo.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes well-formed XHTML (and inline SVG) into a string. Element and attribute names are fixed by the report's
 * code; every text and attribute value goes through {@link #escape(String)}, so no value can add markup.
 *
 * <p>The output is read by two parsers: a browser's HTML parser and, in the tests, an XML parser. To satisfy both,
 * HTML void elements ({@code meta}, {@code br}) are written self-closed, and every other element gets an explicit end
 * tag even when it is empty ({@code <td/>} would leave the cell open in HTML).
 */
final class Markup {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*");
    private static final Set<String> VOID_ELEMENTS = Set.of("meta", "br");

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Deque<String> openElements = new ArrayDeque<>();

    /** Raw text that is not user data, such as the doctype. */
    Markup raw(String trusted) {
        out.append(trusted);
        return this;
    }

    /**
     * Opens {@code tag}.
     *
     * @param attributes name, value, name, value...; a {@code null} value leaves that attribute out
     */
    Markup open(String tag, String... attributes) {
        startTag(tag, attributes);
        out.append('>');
        openElements.push(tag);
        return this;
    }

    /** Closes the element opened last. */
    Markup close() {
        if (openElements.isEmpty()) {
            throw new IllegalStateException("close() without an open element");
        }
        out.append("</").append(openElements.pop()).append('>');
        return this;
    }

    /** An element holding only text: {@code <tag attributes>text</tag>}. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close();
    }

    /** An element without content; self-closed only for HTML void elements, see the class comment. */
    Markup empty(String tag, String... attributes) {
        if (VOID_ELEMENTS.contains(tag)) {
            startTag(tag, attributes);
            out.append("/>");
            return this;
        }
        return open(tag, attributes).close();
    }

    Markup text(String text) {
        out.append(escape(text));
        return this;
    }

    int depth() {
        return openElements.size();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void startTag(String tag, String... attributes) {
        checkName(tag);
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> must be name/value pairs, got "
                    + attributes.length + " strings");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            checkName(attributes[i]);
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("element or attribute name " + name
                    + " is not allowed; allowed: letters, digits and '-', starting with a letter");
        }
    }

    /**
     * Text safe in element content and in double- or single-quoted attribute values, for HTML and XML parsers alike:
     * {@code & < > " '} become character references, and characters XML 1.0 forbids (most control characters, lone
     * surrogates, U+FFFE/U+FFFF) become U+FFFD, since one of them would make the whole page unparsable as XML.
     * {@code null} becomes the empty string.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        escaped.append(c).append(text.charAt(++i));
                    } else if (allowedInXml(c)) {
                        escaped.append(c);
                    } else {
                        escaped.append('\uFFFD');
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean allowedInXml(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        return c >= 0x20 && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }
}
