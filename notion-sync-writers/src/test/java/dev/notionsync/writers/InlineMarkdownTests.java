package dev.notionsync.writers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vladsch.flexmark.ast.Link;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.model.User;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rich text: annotations that survive parsing, code spans, links and mentions. */
class InlineMarkdownTests {

    private final FileNames names = FileNames.create();
    private final InlineMarkdown inline = new InlineMarkdown(new Links(names, Map.of(), ".md"),
            id -> "u1".equals(id) ? Optional.of(new User(JsonFileWriter.MAPPER.createObjectNode()
                    .put("id", "u1").put("name", "Grace Hopper"))) : Optional.empty());

    private static ObjectNode text(String content, String... annotations) {
        ObjectNode segment = Fixtures.segment(content);
        for (String annotation : annotations) {
            ((ObjectNode) segment.get("annotations")).put(annotation, true);
        }
        return segment;
    }

    private static ObjectNode link(String content, String url, String... annotations) {
        return text(content, annotations).put("href", url);
    }

    private String markdown(ObjectNode... segments) {
        ArrayNode richText = JsonFileWriter.MAPPER.createArrayNode();
        richText.addAll(List.of(segments));
        return inline.render(richText, InlineMarkdown.Mode.BLOCK, 0);
    }

    private String html(ObjectNode... segments) {
        return Flexmark.html(markdown(segments));
    }

    @Test
    void everyAnnotationSurvivesParsing() {
        assertEquals("<p><strong>Bold</strong>, <em>italic</em>, <del>struck</del>, <u>under</u>, <code>code</code></p>",
                html(text("Bold", "bold"), text(", "), text("italic", "italic"), text(", "),
                        text("struck", "strikethrough"), text(", "), text("under", "underline"), text(", "),
                        text("code", "code")));
    }

    @Test
    void whitespaceGoesOutsideTheDelimiters() {
        assertEquals("a **bold** b", markdown(text("a"), text(" bold ", "bold"), text("b")));
        assertEquals("<p>a <strong>bold</strong> b</p>", html(text("a"), text(" bold ", "bold"), text("b")));
    }

    @Test
    void delimitersThatCommonMarkWouldNotReadFallBackToHtml() {
        assertEquals("<p><strong>foo.</strong>bar</p>", html(text("foo.", "bold"), text("bar")));
        assertEquals("<p>a<strong><code>x</code></strong></p>", html(text("a"), text("x", "bold", "code")));
        assertEquals("<p><em>x</em>y</p>", html(text("x", "italic"), text("y")));
    }

    @Test
    void nestedStylesNest() {
        assertEquals("<p><strong>bold <em>both</em> bold</strong></p>",
                html(text("bold ", "bold"), text("both", "bold", "italic"), text(" bold", "bold")));
        assertEquals("<p><strong><em>both</em></strong><em>italic</em></p>",
                html(text("both", "bold", "italic"), text("italic", "italic")));
    }

    @Test
    void codeSpansAreFencedLongerThanTheirBackticks() {
        assertEquals("``  a `b` c  ``", markdown(text(" a `b` c ", "code")));
        assertEquals("<p><code>``</code></p>", html(text("``", "code")));
        assertEquals("<p><code>*not* [a](b)</code></p>", html(text("*not* [a](b)", "code")));
    }

    @Test
    void plainTextIsEscapedAndHtmlStaysLiteral() {
        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt; *x* _y_ [a](b)</p>",
                html(text("<script>alert(1)</script> *x* _y_ [a](b)")));
    }

    @Test
    void lineBreaksAreHardBreaks() {
        assertEquals("<p>one<br />\ntwo</p>", html(text("one\ntwo\n")));
        assertEquals("one<br>two", inline.render(Fixtures.richText("one\ntwo"), InlineMarkdown.Mode.HEADING, 0));
    }

    @Test
    void headingsEscapeEveryHash() {
        assertEquals("C\\# and F\\#", inline.render(Fixtures.richText("C# and F#"), InlineMarkdown.Mode.HEADING, 0));
    }

    @Test
    void linksKeepTheirUrlAndFormatting() {
        Link link = MarkdownStructureTests.all(Flexmark.parse(markdown(
                link("a ", "https://example.com/a b?(c)", "bold"), link("link", "https://example.com/a b?(c)"))),
                Link.class).get(0);
        assertEquals("https://example.com/a%20b?%28c%29", link.getUrl().toString());
        assertEquals("[**a** link](https://example.com/a%20b?%28c%29)",
                markdown(link("a ", "https://example.com/a b?(c)", "bold"), link("link", "https://example.com/a b?(c)")));
    }

    @Test
    void linksToExportedNotionPagesBecomeRelativeLinks() {
        names.assign("22222222-2222-4222-8222-222222222222", "Tasks & Bugs");
        assertEquals("[x](Tasks%20%26%20Bugs.md) [y](https://www.notion.so/99999999999949998999999999999999)",
                markdown(link("x", "https://www.notion.so/ws/Tasks-22222222222242228222222222222222#abc"),
                        text(" "), link("y", "https://www.notion.so/99999999999949998999999999999999")));
        assertEquals("[z](Tasks%20%26%20Bugs.md)", markdown(link("z", "/22222222222242228222222222222222")));
    }

    @Test
    void mentionsRenderAsNamesAndLinks() {
        ObjectNode user = Fixtures.segment("@someone").put("type", "mention");
        user.putObject("mention").put("type", "user").putObject("user").put("id", "u1");
        ObjectNode page = Fixtures.segment("New page").put("type", "mention");
        page.putObject("mention").put("type", "page").putObject("page")
                .put("id", "33333333-3333-4333-8333-333333333333");
        ObjectNode emoji = Fixtures.segment(":x:").put("type", "mention");
        emoji.putObject("mention").put("type", "custom_emoji").putObject("custom_emoji").put("name", "party");
        ObjectNode equation = Fixtures.segment("x_1").put("type", "equation");
        equation.putObject("equation").put("expression", "x_1");
        assertEquals("@Grace Hopper [New page](New%20page.md) :party: $x_1$",
                markdown(user, text(" "), page, text(" "), emoji, text(" "), equation));
        assertTrue(names.name("33333333-3333-4333-8333-333333333333").isPresent(),
                "a mentioned page gets its name from the mention, as the crawl does");
    }
}
