package dev.notionsync.writers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HTML writer lets through from Markdown: URLs by scheme, raw HTML by tag. */
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

    @Test
    void onlyTheTagsTheMarkdownRendererWritesPassAsHtml() {
        String html = HtmlMarkdown.body("a <u>u</u> <strong>s</strong> <em>e</em> <del>d</del> b<br>c"
                + " <span onclick=\"x()\">s</span> <img src=x onerror=alert(1)>\n\n<div>block</div>\n\n<!-- -->\n\n"
                + "<script>alert(2)</script>\n");
        assertThat(html).contains("<u>u</u>").contains("<strong>s</strong>").contains("<em>e</em>")
                .contains("<del>d</del>").contains("b<br>c")
                .contains("&lt;span onclick=&quot;x()&quot;&gt;s&lt;/span&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("<p>&lt;div&gt;block&lt;/div&gt;</p>")
                .contains("<p>&lt;script&gt;alert(2)&lt;/script&gt;</p>")
                .doesNotContain("<!--").doesNotContain("<span").doesNotContain("<div").doesNotContain("<script");
    }

    @Test
    void relativeMarkdownLinksBecomeHtmlLinksAndNothingElseChanges() {
        assertThat(HtmlMarkdown.htmlLink("Other%20page.md")).isEqualTo("Other%20page.html");
        assertThat(HtmlMarkdown.htmlLink("Other.md#part")).isEqualTo("Other.html#part");
        assertThat(HtmlMarkdown.htmlLink("../files/ab/notes.md")).isEqualTo("../files/ab/notes.html");
        assertThat(HtmlMarkdown.htmlLink("https://example.com/readme.md")).isEqualTo("https://example.com/readme.md");
        assertThat(HtmlMarkdown.htmlLink("../csv/Tasks.csv")).isEqualTo("../csv/Tasks.csv");
        assertThat(HtmlMarkdown.htmlLink("#readme.md")).isEqualTo("#readme.md");
    }

    @Test
    void headingsTakeTheAnchorsOfTheMarkdownTableOfContents() {
        String html = HtmlMarkdown.body("- [Why? (and how)](#why-and-how)\n- [Intro](#intro-1)\n\n# Intro\n\n"
                + "## Why? (and how)\n\n## Intro\n");
        assertThat(html).contains("<h1 id=\"intro\">Intro</h1>").contains("<h2 id=\"why-and-how\">")
                .contains("<h2 id=\"intro-1\">Intro</h2>");
        assertThat(HtmlMarkdown.fragment("# Title")).isEqualTo("<h1>Title</h1>\n");
    }
}
