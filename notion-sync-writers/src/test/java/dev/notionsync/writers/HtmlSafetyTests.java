package dev.notionsync.writers;

import dev.notionsync.core.export.FileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HTML writer lets through: URLs by scheme; user text, colours, dates and sidebar data always inert. */
class HtmlSafetyTests {

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
        "\tjava\nscript:alert(1)", "\u0001javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<b>x</b>",
        "data:image/png;base64,AAAA", "file:///etc/passwd", "javascript%3Aalert(1)", "%20javascript:alert(1)"})
    void scriptAndLocalSchemesAreNotLinks(String url) {
        assertThat(Html.safeUrl(url, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a?b=c#d", "http://example.com", "mailto:ada@example.com",
        "tel:+44207946000", "Other%20page.html", "../files/ab/abcd.png", "#intro", "page.html#x:y", "dir/a:b.html"})
    void webMailPhoneAndRelativeLinksAreLinks(String url) {
        assertThat(Html.safeUrl(url, false)).isTrue();
    }

    @Test
    void imagesMayBeDataUrlsButNotSvgOrScripts() {
        assertThat(Html.safeUrl("data:image/png;base64,AAAA", true)).isTrue();
        assertThat(Html.safeUrl("data:image/svg+xml,<svg onload=alert(1)>", true)).isFalse();
        assertThat(Html.safeUrl("javascript:alert(1)", true)).isFalse();
    }

    @Test
    void escapingCoversTextAndBothKindsOfAttributeQuotes() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    private static String render(String richTextJson) throws IOException {
        HtmlText text = new HtmlText(new Links(FileNames.create(), Map.of(), ".html"), id -> Optional.empty());
        return text.render(JsonFileWriter.MAPPER.readTree(richTextJson));
    }

    @Test
    void userTextIsTextAndOnlyTheRenderersOwnTagsAreMarkup() throws IOException {
        String html = render("""
                [{"type": "text", "plain_text": "<span onclick=\\"x()\\">s</span> <img src=x onerror=alert(1)>",
                  "annotations": {"bold": true, "italic": true, "strikethrough": true, "underline": true}},
                 {"type": "text", "plain_text": "<script>alert(2)</script>", "annotations": {"code": true}},
                 {"type": "text", "plain_text": "a\\nb", "annotations": {"color": "red\\" onmouseover=\\"x"}},
                 {"type": "text", "plain_text": "link", "href": " JAVASCRIPT:alert(3)"},
                 {"type": "equation", "plain_text": "</span><script>", "equation": {"expression": "</span><script>"}}]
                """);
        assertThat(html).isEqualTo("<u><s><em><strong>&lt;span onclick=&quot;x()&quot;&gt;s&lt;/span&gt; "
                + "&lt;img src=x onerror=alert(1)&gt;</strong></em></s></u><code>&lt;script&gt;alert(2)&lt;/script&gt;"
                + "</code>a<br>blink<span class=\"math math-inline\">&lt;/span&gt;&lt;script&gt;</span>");
    }

    @Test
    void colorsAreClassesOnlyForNotionColorNames() {
        assertThat(HtmlText.colorClass("red")).isEqualTo("c-red");
        assertThat(HtmlText.colorClass("blue_background")).isEqualTo("bg-blue");
        assertThat(HtmlText.colorClass("default")).isEmpty();
        assertThat(HtmlText.colorClass("red\" onclick=\"x")).isEmpty();
    }

    @Test
    void sidebarStringsCannotEndTheScriptOrTheString() {
        assertThat(HtmlIndex.script("</script><b>\"x\"\\ \u2028 'y' &")).isEqualTo(
                "\"\\u003c/script\\u003e\\u003cb\\u003e\\\"x\\\"\\\\ \\u2028 \\u0027y\\u0027 \\u0026\"");
    }

    @Test
    void datesAreReadableAndKeepTheirIsoValue() {
        assertThat(HtmlDates.html("2024-05-01", null, null)).isEqualTo("<time datetime=\"2024-05-01\">May 1, 2024</time>");
        assertThat(HtmlDates.html("2024-05-01T10:00:00.000Z", "2024-05-01T11:30:00.000Z", "Europe/Paris"))
                .isEqualTo("<time datetime=\"2024-05-01T10:00:00.000Z\">May 1, 2024 10:00 UTC</time> → "
                        + "<time datetime=\"2024-05-01T11:30:00.000Z\">11:30 UTC</time> (Europe/Paris)");
        assertThat(HtmlDates.html("soon<b>", null, null)).isEqualTo("<time datetime=\"soon&lt;b&gt;\">soon&lt;b&gt;</time>");
    }
}
