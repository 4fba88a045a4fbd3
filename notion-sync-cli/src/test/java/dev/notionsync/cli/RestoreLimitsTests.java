package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restores of a hand-written export: text over Notion's request limits is split, a create whose answer was lost is
 * not made twice, and bad input gets one clear line.
 */
class RestoreLimitsTests {

    private static final String PAGE = "0f000000-0000-4000-8000-000000000001";
    private static final String OTHER = "0f000000-0000-4000-8000-000000000002";
    private static final String MENTIONS = "0f000000-0000-4000-8000-000000000003";
    private static final String LONG = "L".repeat(2_500);

    @TempDir
    Path dir;
    FakeNotionServer server;
    String parent;
    Path export;

    @BeforeEach
    void start() throws IOException {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(1).withDatabases(0)
                .withCoverage(false).withHostileTitles(false)));
        parent = server.workspace().addRootPage("Target", "Restores land here.");
        export = writeExport(dir.resolve("export"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void longTextManyItemsAndManyBlocksAreSplitWithinTheLimits() {
        CliRun run = restore(parent);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<ObjectNode> blocks = server.workspace().children(restoredPage());
        // 1 long paragraph, the 150-item paragraph as 2 blocks (100 + 50 items), 300 short ones
        assertThat(blocks).hasSize(303);
        JsonNode longText = blocks.get(0).path("paragraph").path("rich_text");
        assertThat(longText).hasSize(2);
        assertThat(text(longText)).isEqualTo(LONG);
        assertThat(blocks.get(1).path("paragraph").path("rich_text")).hasSize(100);
        assertThat(blocks.get(2).path("paragraph").path("rich_text")).hasSize(50);
        assertThat(text(blocks.get(1).path("paragraph").path("rich_text"))
                + text(blocks.get(2).path("paragraph").path("rich_text"))).isEqualTo(manyItemsText());
        for (int i = 0; i < 300; i++) {
            assertThat(text(blocks.get(3 + i).path("paragraph").path("rich_text"))).isEqualTo("Block " + i);
        }
        // 300 + 3 blocks need four appends of at most 100
        assertThat(server.requestCountsByRoute()).containsEntry("PATCH /v1/blocks/{id}/children", 4L);
    }

    @Test
    void aCreateAppliedWithoutAnAnswerIsNotMadeTwice() {
        server.faults().applyThenResetNext(1, "POST /v1/pages").applyThenResetNext(1, "PATCH /v1/blocks");

        CliRun run = restore(parent);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        long pages = server.workspace().children(parent).stream()
                .filter(b -> "child_page".equals(b.path("type").asText())).count();
        assertThat(pages).isEqualTo(1);
        assertThat(server.workspace().children(restoredPage())).hasSize(303);
    }

    @Test
    void aSecondRestoreWithTheSameLogCreatesNothing() {
        assertThat(restore(parent).exitCode()).isEqualTo(ExitCodes.OK);
        int blocks = server.workspace().blockCount();
        server.resetCounters();

        CliRun again = restore(parent);

        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(server.workspace().blockCount()).isEqualTo(blocks);
        assertThat(server.requestCountsByRoute().keySet()).noneMatch(route -> route.startsWith("POST /v1/pages")
                || route.startsWith("PATCH /v1/blocks"));
    }

    @Test
    void aFolderThatIsNotAnExportIsOneClearLine() throws IOException {
        Path notExport = Files.createDirectories(dir.resolve("photos"));

        CliRun run = CliRun.of("restore", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--from", notExport.toString(), "--parent", parent);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not a JSON export").doesNotContain("\tat ");
        assertThat(run.err().lines().filter(l -> l.startsWith("notion-sync:")).count()).isEqualTo(1);
    }

    @Test
    void aParentTheTokenCannotWriteToWritesNothing() {
        // generated pages are shared read-only with the fake's integration
        String readOnly = server.workspace().pageIds().findFirst().orElseThrow();
        int blocks = server.workspace().blockCount();

        CliRun run = restore(readOnly);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("cannot restore under page " + readOnly).contains("403")
                .doesNotContain("\tat ");
        assertThat(server.workspace().blockCount()).isEqualTo(blocks);
        assertThat(export.resolve("restore-log.jsonl")).doesNotExist();
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() {
        int blocks = server.workspace().blockCount();
        server.resetCounters();

        CliRun run = restore(parent, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        // the export holds 302 paragraphs in one page; the split into 303 happens only when writing
        assertThat(run.out()).contains("Plan: 1 objects, 302 blocks, 0 files, 0 comments")
                .containsPattern("paragraph +302");
        assertThat(server.requestCountsByRoute().keySet()).noneMatch(route -> route.startsWith("POST ")
                || route.startsWith("PATCH "));
        assertThat(server.workspace().blockCount()).isEqualTo(blocks);
        assertThat(export.resolve("restore-log.jsonl")).doesNotExist();
        assertThat(export.resolve("restore-report.json")).doesNotExist();
    }

    @Test
    void onlyRestoresTheNamedPageAndWhatIsBelowIt() throws IOException {
        addPage(export, OTHER, "Other", "Only this one.");

        CliRun run = restore(parent, "--only", OTHER);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> titles = server.workspace().children(parent).stream()
                .filter(b -> "child_page".equals(b.path("type").asText()))
                .map(b -> b.path("child_page").path("title").asText()).toList();
        assertThat(titles).containsExactly("Other");
        Map<String, String> ids = RestoredExports.ids(export);
        assertThat(ids).containsKey(OTHER).doesNotContainKey(PAGE);
        assertThat(text(server.workspace().children(ids.get(OTHER)).get(0).path("paragraph").path("rich_text")))
                .isEqualTo("Only this one.");
    }

    @Test
    void aMentionOfAPageRestoredLaterIsRewrittenToItOnceItExists() throws IOException {
        ArrayNode text = items(List.of("See "));
        ObjectNode mention = text.addObject().put("type", "mention").put("plain_text", "Other").putNull("href");
        mention.putObject("mention").put("type", "page").putObject("page").put("id", OTHER);
        addPage(export, MENTIONS, "Mentions", text);
        addPage(export, OTHER, "Other", "Mentioned before it existed.");

        CliRun run = restore(parent);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        Map<String, String> ids = RestoredExports.ids(export);
        JsonNode restored = server.workspace().children(ids.get(MENTIONS)).get(0).path("paragraph").path("rich_text");
        assertThat(restored.get(1).path("mention").path("page").path("id").asText()).isEqualTo(ids.get(OTHER));
        assertThat(restored.get(1).path("plain_text").asText()).isEqualTo("Other");
        assertThat(server.requestCountsByRoute()).containsEntry("PATCH /v1/blocks/{id}", 1L);
        assertThat(Files.readString(export.resolve("restore-report.json"))).doesNotContain("mention of " + OTHER);

        server.resetCounters();
        assertThat(restore(parent).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(server.requestCountsByRoute()).doesNotContainKey("PATCH /v1/blocks/{id}");
    }

    @Test
    void onlyWithAnIdTheExportDoesNotHoldIsOneClearLineAndWritesNothing() {
        int blocks = server.workspace().blockCount();

        CliRun run = restore(parent, "--only", OTHER);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--only " + OTHER + " is not a page or database of the export")
                .doesNotContain("\tat ");
        assertThat(server.workspace().blockCount()).isEqualTo(blocks);
        assertThat(export.resolve("restore-log.jsonl")).doesNotExist();
    }

    private CliRun restore(String target, String... more) {
        List<String> args = new ArrayList<>(List.of("restore", "--api-url", server.baseUrl(), "--token",
                FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0", "--max-retries", "2", "--from",
                export.toString(), "--parent", target));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private String restoredPage() {
        try {
            return RestoredExports.ids(export).get(PAGE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(JsonNode richText) {
        StringBuilder out = new StringBuilder();
        richText.forEach(item -> out.append(item.path("plain_text").asText()));
        return out.toString();
    }

    private static String manyItemsText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            out.append("w").append(i).append(' ');
        }
        return out.toString();
    }

    /** One page: a 2,500-character paragraph, a paragraph of 150 rich-text items, 300 short paragraphs. */
    private static Path writeExport(Path root) throws IOException {
        Files.createDirectories(root.resolve("json"));
        ObjectNode document = pageDocument(PAGE, "Limits");
        ArrayNode blocks = document.putArray("blocks");
        blocks.add(paragraph("b-long", items(List.of(LONG))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add("w" + i + " ");
        }
        ArrayNode manyItems = items(many);
        for (int i = 0; i < manyItems.size(); i += 2) {
            ((ObjectNode) manyItems.get(i).path("annotations")).put("bold", true);
        }
        blocks.add(paragraph("b-many", manyItems));
        for (int i = 0; i < 300; i++) {
            blocks.add(paragraph("b" + i, items(List.of("Block " + i))));
        }
        document.putArray("comments");
        Files.writeString(root.resolve("json/limits.json"), document.toString());
        ObjectNode index = RestoredExports.MAPPER.createObjectNode().put("object", "export_index");
        index.putArray("objects").addObject().put("id", PAGE).put("object", "page").put("kind", "page")
                .put("title", "Limits").putNull("parent_id").putObject("files").put("json", "json/limits.json");
        Files.writeString(root.resolve("json/index.json"), index.toString());
        return root;
    }

    /** Adds a root page with one paragraph to the hand-written export and its index. */
    private static void addPage(Path root, String id, String title, String text) throws IOException {
        addPage(root, id, title, items(List.of(text)));
    }

    /** Adds a root page whose one paragraph holds this rich text. */
    private static void addPage(Path root, String id, String title, ArrayNode text) throws IOException {
        ObjectNode document = pageDocument(id, title);
        document.putArray("blocks").add(paragraph("b-" + title, text));
        document.putArray("comments");
        String file = "json/" + title.toLowerCase(java.util.Locale.ROOT) + ".json";
        Files.writeString(root.resolve(file), document.toString());
        Path indexFile = root.resolve("json/index.json");
        ObjectNode index = (ObjectNode) RestoredExports.MAPPER.readTree(indexFile.toFile());
        ((ArrayNode) index.path("objects")).addObject().put("id", id).put("object", "page").put("kind", "page")
                .put("title", title).putNull("parent_id").putObject("files").put("json", file);
        Files.writeString(indexFile, index.toString());
    }

    /** The JSON export document of a root page with this title, without blocks or comments yet. */
    private static ObjectNode pageDocument(String id, String title) {
        ObjectNode document = RestoredExports.MAPPER.createObjectNode().put("object", "page_export");
        ObjectNode page = document.putObject("page").put("object", "page").put("id", id);
        page.putObject("parent").put("type", "workspace").put("workspace", true);
        page.putNull("icon");
        page.putNull("cover");
        page.putObject("properties").putObject("title").put("id", "title").put("type", "title")
                .set("title", items(List.of(title)));
        return document;
    }

    private static ObjectNode paragraph(String id, ArrayNode richText) {
        ObjectNode block = RestoredExports.MAPPER.createObjectNode().put("object", "block")
                .put("id", "0f000000-0000-4000-8000-" + String.format("%012x", Math.abs(id.hashCode())))
                .put("type", "paragraph").put("has_children", false);
        block.putObject("paragraph").put("color", "default").set("rich_text", richText);
        return block;
    }

    private static ArrayNode items(List<String> texts) {
        ArrayNode out = RestoredExports.MAPPER.createArrayNode();
        for (String text : texts) {
            ObjectNode item = out.addObject().put("type", "text").put("plain_text", text);
            item.putObject("text").put("content", text).putNull("link");
            item.set("annotations", RestoredExports.MAPPER.createObjectNode().put("bold", false).put("italic", false)
                    .put("strikethrough", false).put("underline", false).put("code", false).put("color", "default"));
            item.putNull("href");
        }
        return out;
    }

    static Map<String, Long> routes(FakeNotionServer server) {
        return server.requestCountsByRoute();
    }
}
