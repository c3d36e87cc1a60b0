package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Number, size and digest formatting, value display, and the escaping every string goes through. */
class ReportFormatsTest {

    @Test
    void numbers() {
        assertThat(Formats.number(20)).isEqualTo("20");
        assertThat(Formats.number(1234567890123L)).isEqualTo("1234567890123");
        assertThat(Formats.number(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
        assertThat(Formats.number(0.1)).isEqualTo("0.1");
        assertThat(Formats.number(2.0)).isEqualTo("2");
        assertThat(Formats.number(0.123456789)).isEqualTo("0.123457");
        assertThat(Formats.number(-1.5e-7)).isEqualTo("-1.5e-07");
        assertThat(Formats.number(6.02e23)).isEqualTo("6.02e+23");
        assertThat(Formats.number(1e20)).isEqualTo("1e+20");
        assertThat(Formats.number(0.0001)).isEqualTo("0.0001");
        assertThat(Formats.number(1.0f / 3)).isEqualTo("0.333333");
        assertThat(Formats.number(new BigDecimal("1.10"))).isEqualTo("1.1");
        assertThat(Formats.number(Double.NaN)).isEqualTo("NaN");
        assertThat(Formats.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(Formats.number(-0.0)).isEqualTo("0");
    }

    @Test
    void bytes() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(Formats.bytes(25 * 1024 * 1024 + 1)).isEqualTo("25.0 MiB");
        assertThat(Formats.bytes(Long.MAX_VALUE)).isEqualTo("8.00 EiB");
        assertThat(Formats.bytes(-1)).isEqualTo(Values.NONE);
        assertThat(Formats.bytes(Double.NaN)).isEqualTo(Values.NONE);
    }

    @Test
    void shortHashes() {
        assertThat(Formats.shortHash(ReportFixtures.SHA_MODEL_1)).isEqualTo("0123456789ab");
        assertThat(Formats.shortHash("sha256:" + ReportFixtures.SHA_MODEL_1)).isEqualTo("sha256:0123456789ab");
        assertThat(Formats.shortHash(ReportFixtures.IMAGE_DIGEST)).isEqualTo("sha256:9f86d081884c");
        assertThat(Formats.shortHash("abc")).isEqualTo("abc");
        assertThat(Formats.shortHash("x@sha256:")).isEqualTo("sha256:");
        assertThat(Formats.shortHash(null)).isEqualTo(Values.NONE);
    }

    @Test
    void valuesAreShownAsOneLine() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1);
        nested.put("b", Arrays.asList("x", null, 2.5, true));
        nested.put("c", new int[] {1, 2});
        assertThat(Values.display(nested)).isEqualTo("{a: 1, b: [\"x\", null, 2.5, true], c: [1, 2]}");
        assertThat(Values.display("plain")).isEqualTo("plain");
        assertThat(Values.display(null)).isEqualTo(Values.NONE);
        assertThat(Values.display(List.of())).isEqualTo("[]");
    }

    @Test
    void escapingCoversTextAndBothQuotesAndRemovesWhatXmlForbids() {
        assertThat(Markup.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(Markup.escape("tab\tnew\nline\rok")).isEqualTo("tab\tnew\nline\rok");
        assertThat(Markup.escape("\u0000\u001F\uFFFE\uFFFF\uDC00x\uD800"))
                .isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFD");
        assertThat(Markup.escape("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
        assertThat(Markup.escape(null)).isEmpty();
    }

    @Test
    void markupRefusesNamesItDidNotExpect() {
        Markup out = new Markup();
        assertThatThrownBy(() -> out.open("img src=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("img src=x");
        assertThatThrownBy(() -> out.open("p", "onclick=\"x\" title", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.open("p", "title")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name/value pairs");
        assertThatThrownBy(out::close).isInstanceOf(IllegalStateException.class);
        assertThat(new Markup().open("p", "title", null).close().toString()).isEqualTo("<p></p>");
        assertThat(new Markup().empty("td").empty("br").toString()).isEqualTo("<td></td><br/>");
    }
}
