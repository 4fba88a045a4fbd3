package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.RichText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The round-trip property: parse the generated Markdown with flexmark and collect the text of every block; the plain
 * text of every Notion block must be there verbatim. This catches escaping bugs that golden files would only freeze.
 */
class MarkdownRoundTripTests {

    static final List<String> HOSTILE = List.of(
            "*not bold* _x_ # [link](x) | pipe \\ backslash <script>alert(1)</script> 1. not a list",
            "# not a heading", "- not a bullet", "+ not a bullet", "> not a quote", "1) not a list", "= not setext",
            "---", "***", "___", "```not code```", "~~~", "~~not struck~~", "&amp; &copy; &#35; & AT&T",
            "a_b_c snake_case __init__ _leading and trailing_", "$5 and $6 $x$", "![not an image](x)",
            "<http://not.a.link> <b>bold</b>", "ends with a backslash \\", "tab\there", "emoji 💡 ✓ — dash",
            "[^1] footnote [ref]: /url", "| a | b |", "line one\nline two # x\n- item\n1. one\n> q",
            "\\*escaped\\* \\_ \\\\", "**", "`", "``` ```", "a*b*c 2*3*4", "<!-- comment -->", "[](empty)",
            "100. big number", "12345678901. too long for a list", "#hashtag", "C# and F#", "x <= y >= z");

    static final List<String> TYPES = List.of("paragraph", "heading_1", "heading_2", "heading_3", "heading_4",
            "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout", "template");

    static final List<String> ANNOTATIONS = List.of("bold", "italic", "strikethrough", "underline", "code");

    @Test
    void hostileTextSurvivesInEveryTextBlock() {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        for (String type : TYPES) {
            for (String text : HOSTILE) {
                ObjectNode block = blocks.addObject().put("type", type);
                block.putObject(type).set("rich_text", Fixtures.richText(text));
            }
        }
        assertRoundTrip(fixture(blocks));
    }

    @Test
    void hostileTextSurvivesWithEveryAnnotationAndLink() {
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        for (String annotation : ANNOTATIONS) {
            for (String text : HOSTILE) {
                if ("code".equals(annotation) && text.contains("\n")) {
                    continue; // code spans turn line breaks into spaces, as CommonMark does
                }
                ArrayNode richText = JsonFileWriter.MAPPER.createArrayNode();
                richText.add(Fixtures.segment("before "));
                ObjectNode styled = Fixtures.segment(text);
                ((ObjectNode) styled.get("annotations")).put(annotation, true);
                richText.add(styled);
                ObjectNode linked = Fixtures.segment(" " + text + " ");
                ((ObjectNode) linked.get("annotations")).put(annotation, true);
                linked.put("href", "https://example.com/(x) y");
                richText.add(linked);
                richText.add(Fixtures.segment("after"));
                blocks.addObject().put("type", "paragraph").putObject("paragraph").set("rich_text", richText);
            }
        }
        assertRoundTrip(fixture(blocks));
    }

    @Test
    void hostileTextSurvivesInTableCells() {
        ArrayNode rows = JsonFileWriter.MAPPER.createArrayNode();
        for (String text : HOSTILE) {
            ArrayNode cells = JsonFileWriter.MAPPER.createArrayNode();
            cells.add(Fixtures.richText(text)).add(Fixtures.richText(text));
            ArrayNode code = Fixtures.richText(text.replace('\n', ' '));
            ((ObjectNode) code.get(0).get("annotations")).put("code", true);
            cells.add(code);
            rows.addObject().put("type", "table_row").putObject("table_row").set("cells", cells);
        }
        ArrayNode blocks = JsonFileWriter.MAPPER.createArrayNode();
        for (boolean header : new boolean[] {true, false}) {
            ObjectNode table = blocks.addObject().put("type", "table");
            table.putObject("table").put("table_width", 3).put("has_column_header", header)
                    .put("has_row_header", true);
            table.set("children", rows.deepCopy());
        }
        assertRoundTrip(fixture(blocks));
    }

    @ParameterizedTest
    @MethodSource("dev.notionsync.writers.MarkdownGoldenTests#fixtures")
    void everyFixtureRoundTrips(String name) {
        assertRoundTrip(Fixtures.load(name));
    }

    private static Fixtures.Fixture fixture(ArrayNode blocks) {
        ObjectNode root = JsonFileWriter.MAPPER.createObjectNode();
        ObjectNode page = root.putObject("page").put("object", "page")
                .put("id", "11111111-1111-4111-8111-111111111111");
        page.putObject("parent").put("type", "workspace").put("workspace", true);
        page.putObject("properties").putObject("title").put("type", "title").put("title", "Hostile");
        root.set("blocks", blocks);
        return Fixtures.parse("hostile", root.toString());
    }

    /** Every text segment of every block (and every whole text block) is found in the parsed document. */
    static void assertRoundTrip(Fixtures.Fixture fixture) {
        String markdown = fixture.markdown();
        List<String> texts = Flexmark.blockTexts(markdown);
        List<String> missing = new ArrayList<>();
        for (Block block : fixture.export().blocks()) {
            JsonNode content = block.content();
            List<JsonNode> richTexts = new ArrayList<>();
            richTexts.add(content.get("rich_text"));
            if (!"image".equals(block.type())) {
                richTexts.add(content.get("caption"));
            }
            content.path("cells").forEach(richTexts::add);
            for (JsonNode richText : richTexts) {
                if (richText == null || !richText.isArray()) {
                    continue;
                }
                List<String> expected = new ArrayList<>();
                boolean onlyText = true;
                for (JsonNode segment : richText) {
                    onlyText &= "text".equals(segment.path("type").asText());
                    if ("text".equals(segment.path("type").asText())) {
                        expected.add(segment.path("plain_text").asText().strip());
                    }
                }
                if (onlyText) {
                    expected.add(RichText.plainText(richText).strip());
                }
                if ("code".equals(block.type())) {
                    expected = List.of(RichText.plainText(richText));
                }
                for (String text : expected) {
                    if (!text.isEmpty() && texts.stream().noneMatch(found -> found.contains(text))) {
                        missing.add(block.type() + ": " + text);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            fail("text lost in Markdown:\n  " + String.join("\n  ", missing) + "\n--- markdown:\n" + markdown
                    + "\n--- parsed block texts:\n" + String.join("\n", texts));
        }
        assertTrue(markdown.endsWith("\n"), "documents end with a line break");
    }
}
