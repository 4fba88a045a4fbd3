package dev.notionsync.writers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.util.ast.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Notion content can put into a Markdown file: no link or image with a scheme other than http, https or mailto
 * (however the scheme is disguised), no HTML a reader would pass through (from equations, emoji or anywhere else),
 * and no NUL. Checked by parsing the output the way a Markdown reader does.
 */
class MarkdownSafetyTests {

    private static final String PAGE = "11111111-1111-4111-8111-111111111111";

    private static ObjectNode block(ArrayNode blocks, String type) {
        ObjectNode block = blocks.addObject().put("type", type);
        return block.putObject(type);
    }

    private static String markdown(ArrayNode blocks) {
        return markdown(blocks, "Safety");
    }

    private static String markdown(ArrayNode blocks, String title) {
        ObjectNode root = JsonFileWriter.MAPPER.createObjectNode();
        ObjectNode page = root.putObject("page").put("object", "page").put("id", PAGE);
        page.putObject("parent").put("type", "workspace").put("workspace", true);
        page.putObject("properties").putObject("title").put("type", "title").set("title", Fixtures.richText(title));
        root.set("blocks", blocks);
        return Fixtures.parse("safety", root.toString()).markdown();
    }

    private static List<String> destinations(String markdown) {
        return OutputLinks.markdown(markdown);
    }

    private static List<String> html(String markdown) {
        List<String> html = new ArrayList<>();
        collectHtml(Flexmark.parse(markdown), html);
        return html;
    }

    private static void collectHtml(Node node, List<String> html) {
        if (node instanceof HtmlBlock || node instanceof HtmlInline) {
            html.add(node.getChars().toString());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collectHtml(child, html);
        }
    }

    /** The scheme a browser reads: controls and spaces dropped, then everything up to the first colon. */
    private static String scheme(String url) {
        String cleaned = url.replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
        int colon = cleaned.indexOf(':');
        return colon < 0 || cleaned.substring(0, colon).matches(".*[/?#].*") ? "" : cleaned.substring(0, colon);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)",
        "\tjava\nscript:alert(1)", "\u0000javascript:alert(1)", "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "java&Tab;script:alert(1)",
        "javascript%3Aalert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)", "file:///etc/passwd", "tel:+15550100"})
    void linksWithOtherSchemesAreWrittenAsText(String url) {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        ArrayNode text = Fixtures.richText("click me");
        ((ObjectNode) text.get(0)).put("href", url);
        block(blocks, "paragraph").set("rich_text", text);
        block(blocks, "bookmark").put("url", url).set("caption", Fixtures.richText("bookmarked"));
        block(blocks, "embed").put("url", url);
        block(blocks, "image").put("type", "external").putObject("external").put("url", url);
        block(blocks, "file").put("type", "external").put("name", "report.pdf").putObject("external")
                .put("url", url);
        ObjectNode callout = block(blocks, "callout");
        callout.putObject("icon").put("type", "external").putObject("external").put("url", url);
        callout.set("rich_text", Fixtures.richText("careful"));
        ArrayNode mention = JsonFileWriter.MAPPER.createArrayNode();
        ObjectNode preview = mention.addObject().put("type", "mention").put("plain_text", "preview");
        preview.putObject("mention").put("type", "link_preview").putObject("link_preview").put("url", url);
        block(blocks, "paragraph").set("rich_text", mention);

        String markdown = markdown(blocks);
        assertThat(destinations(markdown)).as(markdown).allSatisfy(
                destination -> assertThat(scheme(destination)).isIn("", "http", "https", "mailto"));
        assertThat(destinations(markdown)).as(markdown).noneMatch(d -> d.toLowerCase(Locale.ROOT).contains("script"));
        List<String> texts = Flexmark.blockTexts(markdown);
        assertThat(texts).contains("click me", "bookmarked", "preview").anyMatch(t -> t.contains("careful"))
                .anyMatch(t -> t.contains("report.pdf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a?b=1&c=2", "http://example.com/", "mailto:ada@example.com",
        "Other%20page.md", "#section", "../files/ab/abcd.png", "?q=a:b", "https://example.com/&amp;x"})
    void httpHttpsMailtoAndRelativeLinksStayLinks(String url) {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        ArrayNode text = Fixtures.richText("click me");
        ((ObjectNode) text.get(0)).put("href", url);
        block(blocks, "paragraph").set("rich_text", text);
        block(blocks, "bookmark").put("url", url);

        assertThat(destinations(markdown(blocks))).containsExactly(url, url);
    }

    @Test
    void equationsCannotBreakOutOfTheirMath() {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        block(blocks, "equation").put("expression", "x$$</span><script>alert(1)</script>\n$$\n<img src=x onerror=alert(2)>");
        block(blocks, "equation").put("expression", "[a](javascript:alert(3)) \\$ a<b>c \\");
        ArrayNode inline = JsonFileWriter.MAPPER.createArrayNode();
        inline.add(Fixtures.segment("before "));
        ObjectNode equation = inline.addObject().put("type", "equation").put("plain_text", "e");
        equation.putObject("equation").put("expression", "a$ <script>alert(4)</script> [x](javascript:alert(5)) \\");
        inline.add(Fixtures.segment(" after"));
        block(blocks, "paragraph").set("rich_text", inline);
        ObjectNode table = blocks.addObject().put("type", "table");
        table.putObject("table").put("table_width", 2).put("has_column_header", false);
        ArrayNode cells = table.putArray("children").addObject().put("type", "table_row").putObject("table_row")
                .putArray("cells");
        ArrayNode cell = cells.addArray();
        cell.addObject().put("type", "equation").put("plain_text", "|x|").putObject("equation")
                .put("expression", "|x| < 1");
        cells.add(Fixtures.richText("next cell"));

        String markdown = markdown(blocks);
        assertThat(html(markdown)).as(markdown).isEmpty();
        assertThat(destinations(markdown)).as(markdown).isEmpty();
        // a $$ block ends only at its own closing line, and the inline math at its own closing $
        List<String> lines = markdown.lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("$$"))).as(markdown).hasSize(4).allMatch("$$"::equals);
        assertThat(markdown).as(markdown).contains("before $").contains("$ after");
        String math = markdown.substring(markdown.indexOf("before $") + 8, markdown.indexOf("$ after"));
        assertThat(math.replace("\\$", "")).doesNotContain("$").doesNotEndWith("\\");
        assertThat(Flexmark.blockTexts(markdown)).as(markdown).contains("next cell");
    }

    @Test
    void emojiAndCustomEmojiNamesAreText() {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        ObjectNode callout = block(blocks, "callout");
        callout.putObject("icon").put("type", "emoji").put("emoji", "<script>alert(1)</script>");
        callout.set("rich_text", Fixtures.richText("careful"));
        ObjectNode custom = block(blocks, "callout");
        custom.putObject("icon").put("type", "custom_emoji").putObject("custom_emoji")
                .put("name", "<img src=x onerror=alert(2)>");
        custom.set("rich_text", Fixtures.richText("custom"));
        ObjectNode tab = block(blocks, "callout");
        tab.putObject("icon").put("type", "emoji").put("emoji", "[x](javascript:alert(3))");
        tab.putArray("rich_text");

        String markdown = markdown(blocks);
        assertThat(html(markdown)).as(markdown).isEmpty();
        assertThat(destinations(markdown)).as(markdown).isEmpty();
        assertThat(Flexmark.blockTexts(markdown)).as(markdown).contains("<script>alert(1)</script> careful",
                ":<img src=x onerror=alert(2)>: custom", "[x](javascript:alert(3))");
    }

    @Test
    void nulNeverReachesTheFile() {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        block(blocks, "paragraph").set("rich_text", Fixtures.richText("a\u0000b"));
        block(blocks, "code").put("language", "java").set("rich_text", Fixtures.richText("x\u0000y"));
        block(blocks, "equation").put("expression", "e\u0000f");

        String markdown = markdown(blocks, "Title\u0000with NUL");
        assertThat(markdown).doesNotContain("\u0000").contains("# Titlewith NUL").contains("ab").contains("xy");
    }

    @Test
    void codeBlockLanguagesCannotCarryMarkup() {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        block(blocks, "code").put("language", "java\"><script>alert(1)</script>")
                .set("rich_text", Fixtures.richText("run();"));

        String markdown = markdown(blocks);
        String fence = markdown.lines().filter(l -> l.startsWith("```")).findFirst().orElseThrow();
        assertThat(fence).as("an info string of a language name only").matches("```[\\p{L}\\p{N}+#._-]+");
        assertThat(Flexmark.html(markdown)).as(markdown).doesNotContain("<script");
        assertThat(Flexmark.blockTexts(markdown)).anyMatch(text -> text.contains("run();"));
    }
}
