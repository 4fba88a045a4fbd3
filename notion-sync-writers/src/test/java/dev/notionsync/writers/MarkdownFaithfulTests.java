package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reader sees in Notion is visible in the Markdown: icons and covers, colours, captions, file names, the
 * titles of related pages and the names of people, the text of blocks the renderer cannot show, and the parts of
 * meeting notes.
 */
class MarkdownFaithfulTests {

    @TempDir
    Path dir;

    private static final String PAGE = "11111111-1111-4111-8111-111111111111";
    private static final String COVER = "https://prod-files-secure.s3.us-west-2.amazonaws.com/ws/c/cover.png?X=1";

    private static ObjectNode root(String title) {
        ObjectNode root = JsonFileWriter.MAPPER.createObjectNode().put("front_matter", true);
        ObjectNode page = root.putObject("page").put("object", "page").put("id", PAGE)
                .put("created_time", "2025-01-02T03:04:00.000Z");
        page.putObject("parent").put("type", "workspace").put("workspace", true);
        page.putObject("properties").putObject("title").put("type", "title").set("title", Fixtures.richText(title));
        root.putArray("blocks");
        return root;
    }

    private static ObjectNode page(ObjectNode root) {
        return (ObjectNode) root.get("page");
    }

    private static ObjectNode block(ObjectNode root, String type) {
        ObjectNode block = ((ArrayNode) root.get("blocks")).addObject().put("type", type);
        return block.putObject(type);
    }

    private static JsonNode frontMatter(String markdown) throws IOException {
        int end = markdown.indexOf("\n---\n", 3);
        return new YAMLMapper().readTree(markdown.substring(4, end + 1));
    }

    private static ObjectNode segment(String text, String color) {
        ObjectNode segment = Fixtures.segment(text);
        ((ObjectNode) segment.get("annotations")).put("color", color);
        return segment;
    }

    @Test
    void pageIconAndCoverAreInTheFrontMatterAndAtTheTop() throws IOException {
        ObjectNode root = root("Launch");
        page(root).putObject("icon").put("type", "emoji").put("emoji", "🚀");
        page(root).putObject("cover").put("type", "file").putObject("file").put("url", COVER);
        root.putObject("files").put(COVER, "files/ab/cover.png");
        String markdown = Fixtures.parse("icon", root.toString()).markdown();

        JsonNode yaml = frontMatter(markdown);
        assertThat(yaml.get("icon").asText()).isEqualTo("🚀");
        assertThat(yaml.get("cover").asText()).isEqualTo("../files/ab/cover.png");
        assertThat(markdown).contains("---\n\n![Cover](../files/ab/cover.png)\n\n# 🚀 Launch\n");

        ObjectNode custom = root("Custom");
        page(custom).putObject("icon").put("type", "custom_emoji").putObject("custom_emoji").put("name", "party")
                .put("url", "https://example.com/party.png");
        String customMarkdown = Fixtures.parse("custom", custom.toString()).markdown();
        assertThat(frontMatter(customMarkdown).get("icon").asText()).isEqualTo(":party:");
        assertThat(customMarkdown).contains("\n# :party: Custom\n").doesNotContain("cover");

        ObjectNode image = root("Image");
        page(image).putObject("icon").put("type", "external").putObject("external")
                .put("url", "https://example.com/icon.png");
        String imageMarkdown = Fixtures.parse("image", image.toString()).markdown();
        assertThat(frontMatter(imageMarkdown).get("icon").asText()).isEqualTo("https://example.com/icon.png");
        assertThat(imageMarkdown).contains("\n# ![](https://example.com/icon.png) Image\n");

        ObjectNode hostile = root("Hostile");
        page(hostile).putObject("icon").put("type", "emoji").put("emoji", "x\n# <b>not a heading</b> #");
        String hostileMarkdown = Fixtures.parse("hostile", hostile.toString()).markdown();
        assertThat(hostileMarkdown).contains("\n# x<br>\\# \\<b>not a heading\\</b> \\# Hostile\n");
    }

    @Test
    void textAndBackgroundColoursOfTextAndBlocksAreFixedTagsAroundEscapedText() {
        ObjectNode root = root("Colours");
        ArrayNode text = block(root, "paragraph").putArray("rich_text");
        text.add(segment("<script>alert(1)</script>", "red"));
        text.add(Fixtures.segment(" and "));
        text.add(segment("marked", "yellow_background"));
        ObjectNode heading = block(root, "heading_2");
        heading.set("rich_text", Fixtures.richText("Blue heading"));
        heading.put("color", "blue_background");
        String markdown = Fixtures.parse("colours", root.toString()).markdown();

        assertThat(markdown).contains("<span class=\"notion-red\" style=\"color: #D44C47\">\\<script>alert(1)"
                + "\\</script></span> and <mark class=\"notion-yellow_background\" style=\"background-color: #FBF3DB\">"
                + "marked</mark>");
        assertThat(markdown).contains("## <mark class=\"notion-blue_background\" style=\"background-color: #E7F3F8\">"
                + "Blue heading</mark>");
        String html = Flexmark.html(markdown);
        assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(Flexmark.blockTexts(markdown)).contains("<script>alert(1)</script> and marked", "Blue heading");
    }

    @Test
    void captionsOfImagesAndMediaAreALineBelowThem() {
        ObjectNode root = root("Captions");
        ObjectNode image = block(root, "image").put("type", "external");
        image.putObject("external").put("url", "https://example.com/a.png");
        image.set("caption", Fixtures.richText("Figure 1"));
        ObjectNode video = block(root, "video").put("type", "external");
        video.putObject("external").put("url", "https://example.com/v.mp4");
        video.set("caption", Fixtures.richText("The launch"));
        String markdown = Fixtures.parse("captions", root.toString()).markdown();

        assertThat(markdown).contains("![Figure 1](https://example.com/a.png)\\\n_Figure 1_");
        assertThat(markdown).contains("[v.mp4](https://example.com/v.mp4)\\\n_The launch_");
    }

    @Test
    void filesPeopleAndRelationsKeepNamesBesideTheirIdsAndPaths() throws IOException {
        ObjectNode root = root("Row");
        ObjectNode properties = (ObjectNode) page(root).get("properties");
        ArrayNode files = properties.putObject("Files").put("type", "files").putArray("files");
        files.addObject().put("name", "Q1 report.pdf").put("type", "file").putObject("file")
                .put("url", "https://prod-files-secure.s3.amazonaws.com/x/9f8e7d.pdf?sig=1");
        root.putObject("files").put("https://prod-files-secure.s3.amazonaws.com/x/9f8e7d.pdf?sig=1",
                "files/9f/9f8e7d.pdf");
        properties.putObject("People").put("type", "people").putArray("people").addObject().put("object", "user")
                .put("id", "44444444-4444-4444-8444-444444444444").put("name", "Grace Hopper");
        ArrayNode related = properties.putObject("Related").put("type", "relation").putArray("relation");
        related.addObject().put("id", "22222222-2222-4222-8222-222222222222");
        related.addObject().put("id", "33333333-3333-4333-8333-333333333333");
        // one related page fetched (its title confirmed), one only mentioned somewhere (a hint)
        root.putObject("names").put("22222222-2222-4222-8222-222222222222", "Spec");
        Fixtures.Fixture fixture = Fixtures.parse("refs", root.toString());
        fixture.names().assignHint("33333333-3333-4333-8333-333333333333", "Maybe renamed");
        JsonNode yaml = frontMatter(fixture.markdown());

        assertThat(yaml.get("Files").get(0).get("name").asText()).isEqualTo("Q1 report.pdf");
        assertThat(yaml.get("Files").get(0).get("path").asText()).isEqualTo("../files/9f/9f8e7d.pdf");
        assertThat(yaml.get("People").get(0).get("name").asText()).isEqualTo("Grace Hopper");
        assertThat(yaml.get("People").get(0).get("id").asText()).isEqualTo("44444444-4444-4444-8444-444444444444");
        assertThat(yaml.get("Related").get(0).get("title").asText()).isEqualTo("Spec");
        assertThat(yaml.get("Related").get(0).get("file").asText()).isEqualTo("Spec.md");
        assertThat(yaml.get("Related").get(1).get("id").asText()).isEqualTo("33333333-3333-4333-8333-333333333333");
        assertThat(yaml.get("Related").get(1).has("title")).as("a hinted title depends on the crawl").isFalse();
    }

    private static PageExport related(String id, String title, String other) {
        ObjectNode root = root(title);
        page(root).put("id", id);
        ObjectNode properties = (ObjectNode) page(root).get("properties");
        properties.putObject("Related").put("type", "relation").putArray("relation").addObject().put("id", other);
        return Fixtures.parse(title, root.toString()).export();
    }

    @Test
    void relatedTitlesDoNotDependOnWhichPageTheCrawlDeliversFirst() throws IOException {
        String a = "aaaaaaaa-0000-4000-8000-000000000001";
        String b = "bbbbbbbb-0000-4000-8000-000000000002";
        List<PageExport> pages = List.of(related(a, "Alpha", b), related(b, "Beta", a));
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        MarkdownWriter.create().write(Flux.fromIterable(pages), TestContext.of(first, MarkdownWriter.create()))
                .blockLast();
        MarkdownWriter.create().write(Flux.just(pages.get(1), pages.get(0)), TestContext.of(second,
                MarkdownWriter.create())).blockLast();

        for (String file : List.of("markdown/Alpha.md", "markdown/Beta.md")) {
            assertThat(Files.readString(second.resolve(file))).isEqualTo(Files.readString(first.resolve(file)));
        }
        JsonNode alpha = frontMatter(Files.readString(first.resolve("markdown/Alpha.md")));
        assertThat(alpha.get("Related").get(0).get("title").asText()).isEqualTo("Beta");
        assertThat(alpha.get("Related").get(0).get("file").asText()).isEqualTo("Beta.md");
        try (Stream<Path> left = Files.list(first.resolve("markdown"))) {
            assertThat(left).as("no temporary file is left").hasSize(2);
        }
    }

    @Test
    void unknownAndMalformedBlocksKeepTheirTextAndAreReported() {
        ObjectNode root = root("Odd blocks");
        ObjectNode unknown = block(root, "ai_summary");
        unknown.set("rich_text", Fixtures.richText("An unknown block's *text*"));
        unknown.putObject("details").set("caption", Fixtures.richText("Deeper text"));
        // a paragraph from an old API version: "text" where "rich_text" is expected
        block(root, "paragraph").set("text", Fixtures.richText("Old shape"));
        ((ArrayNode) root.get("blocks")).addObject().put("type", "quote");
        Fixtures.Fixture fixture = Fixtures.parse("odd", root.toString());
        MarkdownRenderer.Rendered rendered = fixture.renderer().render(fixture.export());

        assertThat(rendered.markdown()).contains("> ⚠️ Unsupported block: ai_summary\n>\n"
                + "> An unknown block's \\*text\\*\n>\n> Deeper text");
        assertThat(rendered.markdown()).contains("> ⚠️ Malformed block: paragraph\n>\n> Old shape");
        assertThat(rendered.markdown()).contains("> ⚠️ Malformed block: quote");
        assertThat(rendered.skipped()).hasSize(3).allSatisfy(skipped ->
                assertThat(skipped.reason()).isEqualTo(ExportEvent.Reasons.UNSUPPORTED_BLOCK));
        assertThat(rendered.skipped().get(1).message()).contains("paragraph", "rich_text");
    }

    private static final String SUMMARY = "5a000000-0000-4000-8000-000000000001";
    private static final String NOTES = "5a000000-0000-4000-8000-000000000002";
    private static final String TRANSCRIPT = "5a000000-0000-4000-8000-000000000003";

    private static ObjectNode meeting(ObjectNode root) {
        ObjectNode meeting = block(root, "meeting_notes");
        meeting.set("title", Fixtures.richText("Weekly sync"));
        meeting.putObject("children").put("summary_block_id", SUMMARY).put("notes_block_id", NOTES)
                .put("transcript_block_id", TRANSCRIPT);
        return meeting;
    }

    private static ObjectNode child(ArrayNode children, String type, String text, String parent) {
        ObjectNode child = children.addObject().put("type", type);
        child.putObject(type).set("rich_text", Fixtures.richText(text));
        if (parent != null) {
            child.putObject("parent").put("type", "block_id").put("block_id", parent);
        }
        return child;
    }

    @Test
    void meetingNotesShowTheirSummaryNotesAndTranscriptWhenTheExportHoldsThem() {
        ObjectNode root = root("Meetings");
        meeting(root);
        ArrayNode children = ((ObjectNode) root.get("blocks").get(0)).putArray("children");
        // the summary's block as a child of its part block, the notes' block itself, the transcript's container
        child(children, "bulleted_list_item", "We ship on Friday", SUMMARY);
        child(children, "paragraph", "Ada takes the release notes", null).put("id", NOTES);
        ObjectNode transcript = children.addObject().put("id", TRANSCRIPT).put("type", "paragraph");
        transcript.putObject("paragraph").putArray("rich_text");
        child(transcript.putArray("children"), "paragraph", "Grace: let's start.", TRANSCRIPT);
        String markdown = Fixtures.parse("meeting", root.toString()).markdown();

        assertThat(markdown).contains("**Meeting notes:** Weekly sync\n\n#### Summary\n\n- We ship on Friday\n\n"
                + "#### Notes\n\nAda takes the release notes\n\n#### Transcript\n\nGrace: let's start.\n");
        assertThat(markdown).doesNotContain("stay in Notion").doesNotContain("stays in Notion");

        ObjectNode partial = root("Partial");
        meeting(partial);
        child(((ObjectNode) partial.get("blocks").get(0)).putArray("children"), "paragraph", "Decisions", SUMMARY);
        String partialMarkdown = Fixtures.parse("partial", partial.toString()).markdown();
        assertThat(partialMarkdown).contains("**Meeting notes:** Weekly sync\n\nThe notes and transcript stay in Notion"
                + " (notes in block " + NOTES + ", transcript in block " + TRANSCRIPT + ").\n\n#### Summary\n\n"
                + "Decisions\n");
    }
}
