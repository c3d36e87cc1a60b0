package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page must render under Jenkins' default Content-Security-Policy for archived files
 * ({@code sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';}): it may load nothing, run
 * nothing and carry no inline CSS. Checked on the parsed page (what is really an element or attribute) and on the raw
 * text (what a browser's lenient parser might still pick up).
 */
class ReportContentSecurityTest {

    /** Every element the report may contain; anything else was injected or is a mistake. */
    static final Set<String> ALLOWED_ELEMENTS = Set.of("html", "head", "meta", "title", "body", "header", "nav", "main",
            "footer", "section", "h1", "h2", "h3", "h4", "p", "ul", "li", "a", "figure", "figcaption", "table", "thead",
            "tbody", "tr", "th", "td", "code", "pre", "details", "summary", "svg", "rect", "line", "polyline", "circle",
            "text");

    /** Every attribute the report may contain. */
    static final Set<String> ALLOWED_ATTRIBUTES = Set.of("lang", "charset", "name", "content", "id", "href", "title",
            "aria-label", "aria-hidden", "role", "scope", "border", "cellpadding", "width", "height", "viewBox", "x",
            "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points", "fill", "stroke", "stroke-width",
            "stroke-dasharray", "stroke-linejoin", "text-anchor", "font-family", "font-size", "font-weight");

    @Test
    void realisticPageHasNothingTheCspBlocks() throws Exception {
        assertRendersUnderJenkinsCsp(ReportWriter.html("Churn", ReportFixtures.twoRuns(),
                List.of(ReportFixtures.model()), Instant.EPOCH));
    }

    @Test
    void urlsAndScriptsInUserValuesStayText() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String value : List.of("https://evil.example/x.js", "javascript:alert(1)", "//evil.example/a.css",
                "<link rel=stylesheet href=https://evil.example/a.css>", "<style>body{background:url(x)}</style>",
                "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "@import url(x);")) {
            runs.add(ReportHostileStringsTest.hostileRun(value));
        }
        String page = ReportWriter.html("x", runs, List.of(ReportHostileStringsTest.hostileModel(
                "<img src=https://evil.example/p.png>")), Instant.EPOCH);
        assertRendersUnderJenkinsCsp(page);
    }

    static void assertRendersUnderJenkinsCsp(String page) throws Exception {
        Document document = XhtmlDocument.parse(page);
        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
        assertThat(XhtmlDocument.allElements(document)).extracting(Element::getTagName)
                .allMatch(ALLOWED_ELEMENTS::contains);
        assertNoForbiddenAttributes(document);

        // What a lenient HTML parser sees as tags and attribute names: escaped values never hold a raw '<', '>' or
        // '"', so this finds every tag, and emptying the quoted values leaves only names.
        Matcher tags = Pattern.compile("<[^>]*>").matcher(page);
        while (tags.find()) {
            String tag = tags.group().toLowerCase(Locale.ROOT).replaceAll("\"[^\"]*\"", "\"\"");
            assertThat(tag).as("a tag of the raw page")
                    .doesNotContainPattern("^<\\s*/?\\s*(script|style|link|img|iframe|object|embed|base|image|use|"
                            + "foreignobject)\\b")
                    .doesNotContainPattern("\\s(on[a-z]+|style|src|srcset|xlink:href|action|formaction)\\s*=");
        }
        assertThat(page).containsOnlyOnce("<!DOCTYPE html>");
    }

    /**
     * No event handlers, no inline CSS, no URL leaving the page (the only link attribute is {@code href}, and it must
     * name an element of the page), only generic fonts. A user value may say {@code javascript:} in a tooltip: as text
     * it does nothing.
     */
    static void assertNoForbiddenAttributes(Document document) {
        for (Element element : XhtmlDocument.allElements(document)) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String name = attribute.getName();
                String value = attribute.getValue();
                assertThat(ALLOWED_ATTRIBUTES).as("attribute %s of <%s>", name, element.getTagName()).contains(name);
                if (name.equals("href")) {
                    assertThat(value).as("href of <a>").matches("#[a-z]+(-[0-9]+)?");
                    XhtmlDocument.byId(document, value.substring(1));
                }
                if (name.equals("font-family")) {
                    assertThat(value).isIn("sans-serif", "serif", "monospace");
                }
                if (Set.of("fill", "stroke").contains(name)) {
                    assertThat(value).as("%s of <%s>", name, element.getTagName()).matches("#[0-9a-f]{6}|none");
                }
            }
        }
    }
}
