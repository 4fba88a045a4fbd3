package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonWriterTests {

    @TempDir
    Path dir;

    private List<ExportEvent> run(TestContext context, PageExport... exports) {
        return JsonWriter.create().write(Flux.just(exports), context).collectList().block();
    }

    private static JsonNode read(Path file) throws IOException {
        return JsonFileWriter.MAPPER.readTree(file.toFile());
    }

    /** The blocks nested by depth, each a copy of its raw JSON plus {@code children}: built here independently. */
    private static ArrayNode expectedBlocks(List<Block> blocks) {
        ArrayNode roots = JsonFileWriter.MAPPER.createArrayNode();
        Deque<Map.Entry<Integer, ObjectNode>> open = new ArrayDeque<>();
        for (Block block : blocks) {
            ObjectNode copy = block.json().deepCopy();
            while (!open.isEmpty() && open.peek().getKey() >= block.depth()) {
                open.pop();
            }
            if (open.isEmpty()) {
                roots.add(copy);
            } else {
                ObjectNode parent = open.peek().getValue();
                (parent.has("children") ? (ArrayNode) parent.get("children") : parent.putArray("children")).add(copy);
            }
            open.push(Map.entry(block.depth(), copy));
        }
        return roots;
    }

    @Test
    void pageJsonIsTheRawJsonWithChildrenAdded() throws IOException {
        Fixtures.Fixture fixture = Fixtures.load("structure");
        ObjectNode before = fixture.export().source().json().deepCopy();
        TestContext context = TestContext.of(dir, JsonWriter.create());
        List<ExportEvent> events = run(context, fixture.export());

        assertEquals(List.of(new ExportEvent.PageWritten(fixture.export().id(), "json", Path.of("json/Structure.json")),
                new ExportEvent.OutputWritten("json", Path.of("json/index.json"), true),
                new ExportEvent.OutputWritten("json", Path.of("json/users.json"), true)), events);
        JsonNode json = read(dir.resolve("json/Structure.json"));
        assertEquals("page_export", json.get("object").asText());
        assertEquals(before, json.get("page"));
        assertEquals(expectedBlocks(fixture.export().blocks()), json.get("blocks"));
        JsonNode columnList = json.get("blocks").get(6);
        assertEquals("column_list", columnList.get("type").asText());
        assertEquals("Left first", columnList.get("children").get(0).get("children").get(0)
                .get("paragraph").get("rich_text").get(0).get("plain_text").asText());
        assertEquals(JsonFileWriter.MAPPER.createArrayNode(), json.get("comments"));
        assertEquals(before, fixture.export().source().json(), "the input is not modified");
        assertTrue(fixture.export().blocks().stream().noneMatch(b -> b.json().has("children")));
    }

    @Test
    void aPageDocumentIsJacksonsPrettyTreeWrittenInAFewLargeWrites() throws IOException {
        Fixtures.Fixture fixture = Fixtures.load("structure");
        List<Integer> writes = new ArrayList<>();
        int[] flushes = new int[1];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int offset, int length) {
                writes.add(length);
                bytes.write(b, offset, length);
            }

            @Override
            public void flush() {
                flushes[0]++;
            }
        };

        JsonFileWriter.document(fixture.export(), counting);

        // the same document built as one tree and written by Jackson's own pretty printer: byte for byte
        ObjectNode expected = JsonFileWriter.MAPPER.createObjectNode().put("object", "page_export");
        expected.set("page", fixture.export().source().json());
        expected.set("blocks", expectedBlocks(fixture.export().blocks()));
        expected.putArray("comments");
        byte[] pretty = JsonFileWriter.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(expected);
        assertEquals(new String(pretty, StandardCharsets.UTF_8) + "\n", bytes.toString(StandardCharsets.UTF_8));
        // every block field used to be flushed on its own: one write call each
        int expectedWrites = bytes.size() / 8000 + 2;
        assertTrue(writes.size() <= expectedWrites, writes.size() + " writes for " + bytes.size() + " bytes");
        assertTrue(flushes[0] <= 1, flushes[0] + " flushes");
    }

    @Test
    void databaseJsonKeepsDataSourcesAndComments() throws IOException {
        Fixtures.Fixture database = Fixtures.load("database");
        Fixtures.Fixture comments = Fixtures.load("comments");
        run(TestContext.of(dir, JsonWriter.create()), database.export(), comments.export());

        JsonNode db = read(dir.resolve("json/Tasks & Bugs.json"));
        assertEquals("database_export", db.get("object").asText());
        assertEquals(database.export().source().json(), db.get("database"));
        assertEquals(2, db.get("data_sources").size());
        assertEquals(database.export().dataSources().get(0).json(), db.get("data_sources").get(0));
        JsonNode page = read(dir.resolve("json/Discussed page.json"));
        assertEquals(comments.export().comments().get(1).json(), page.get("comments").get(1));
    }

    @Test
    void indexListsEveryObjectAndUsersAreWritten() throws IOException {
        TestContext context = TestContext.of(dir, JsonWriter.create(), MarkdownWriter.create())
                .withUser("u2", "Zed").withUser("u1", "Ann");
        Fixtures.Fixture page = Fixtures.load("structure");
        Fixtures.Fixture row = Fixtures.load("properties");
        Fixtures.Fixture database = Fixtures.load("database");
        run(context, page.export(), row.export(), database.export());

        JsonNode index = read(dir.resolve("json/index.json"));
        assertEquals("export_index", index.get("object").asText());
        JsonNode objects = index.get("objects");
        assertEquals(3, objects.size());
        assertEquals(JsonFileWriter.MAPPER.readTree("""
                {"id": "11111111-1111-4111-8111-111111111111", "object": "page", "kind": "page", "title": "Structure",
                 "parent_id": "22222222-2222-4222-8222-222222222222",
                 "files": {"json": "json/Structure.json", "markdown": "markdown/Structure.md"}}"""), objects.get(0));
        assertEquals("row", objects.get(1).get("kind").asText());
        assertEquals("database", objects.get(2).get("kind").asText());
        assertEquals("json/Tasks & Bugs.json", objects.get(2).get("files").get("json").asText());
        for (JsonNode entry : objects) {
            assertTrue(Files.exists(dir.resolve(entry.get("files").get("json").asText())));
        }
        JsonNode users = read(dir.resolve("json/users.json"));
        assertEquals("Ann", users.get("results").get(0).get("name").asText());
        assertEquals("Zed", users.get("results").get(1).get("name").asText());
        try (Stream<Path> files = Files.list(dir.resolve("json"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(ExportFiles.TEMP_PREFIX)),
                    "the temporary index file is gone");
        }
    }

    @Test
    void indexSaysWhichDownloadedFileBelongsToWhichPlace() throws IOException {
        String base = "https://prod-files-secure.s3.us-west-2.amazonaws.com/ws/";
        Page page = new Page((ObjectNode) JsonFileWriter.MAPPER.readTree(("""
                {"object": "page", "id": "33333333-3333-4333-8333-333333333333",
                 "parent": {"type": "workspace", "workspace": true},
                 "icon": {"type": "file", "file": {"url": "%1$sicon/logo.png?X-Amz-Signature=a"}},
                 "cover": {"type": "external", "external": {"url": "https://example.com/cover.jpg"}},
                 "properties": {
                   "title": {"id": "title", "type": "title", "title": [{"plain_text": "Files"}]},
                   "Specs": {"id": "a%%3Db", "type": "files", "files": [
                     {"name": "spec v2.pdf", "type": "file", "file": {"url": "%1$sspec/spec%%20v2.pdf?X-Amz-Signature=b"}},
                     {"name": "far away", "type": "external", "external": {"url": "https://example.com/x.pdf"}}]},
                   "Assets": {"id": "zz", "type": "files", "files": [
                     {"name": "logo.png", "type": "file", "file": {"url": "%1$sicon/logo.png?X-Amz-Signature=a"}}]}
                 }}""").formatted(base)));
        Block image = block("""
                {"object": "block", "id": "44444444-4444-4444-8444-444444444444", "type": "image", "image": {
                 "type": "file", "caption": [], "file": {"url": "%1$simg/Screen%%20Shot.png?X-Amz-Signature=c"}}}"""
                .formatted(base));
        Block notDownloaded = block("""
                {"object": "block", "id": "55555555-5555-4555-8555-555555555555", "type": "file", "file": {
                 "type": "file", "name": "huge.zip", "caption": [], "file": {"url": "%1$shuge.zip?s=d"}}}"""
                .formatted(base));
        Comment comment = new Comment((ObjectNode) JsonFileWriter.MAPPER.readTree("""
                {"object": "comment", "id": "66666666-6666-4666-8666-666666666666",
                 "parent": {"type": "page_id", "page_id": "33333333-3333-4333-8333-333333333333"},
                 "rich_text": [], "attachments": [{"category": "image",
                   "file": {"url": "%1$scomment/photo.jpg?X-Amz-Signature=e"}}]}""".formatted(base)));
        PageExport export = PageExport.ofPage(page, List.of(image, notDownloaded), List.of(comment)).withFiles(Map.of(
                base + "icon/logo.png?X-Amz-Signature=a", "files/aa/logo.png",
                base + "spec/spec%20v2.pdf?X-Amz-Signature=b", "files/bb/spec v2.pdf",
                base + "img/Screen%20Shot.png?X-Amz-Signature=c", "files/cc/Screen Shot.png",
                base + "comment/photo.jpg?X-Amz-Signature=e", "files/dd/photo.jpg"));

        run(TestContext.of(dir, JsonWriter.create()), export);

        JsonNode entry = read(dir.resolve("json/index.json")).get("objects").get(0);
        assertEquals(JsonFileWriter.MAPPER.readTree("""
                [{"used_in": "icon", "name": "logo.png", "path": "files/aa/logo.png"},
                 {"used_in": "property", "property": "Assets", "property_id": "zz", "name": "logo.png",
                  "path": "files/aa/logo.png"},
                 {"used_in": "property", "property": "Specs", "property_id": "a%3Db", "name": "spec v2.pdf",
                  "path": "files/bb/spec v2.pdf"},
                 {"used_in": "block", "block_id": "44444444-4444-4444-8444-444444444444", "block_type": "image",
                  "name": "Screen Shot.png", "path": "files/cc/Screen Shot.png"},
                 {"used_in": "comment", "comment_id": "66666666-6666-4666-8666-666666666666", "name": "photo.jpg",
                  "path": "files/dd/photo.jpg"}]"""), entry.get("attachments"));
    }

    private static Block block(String json) throws IOException {
        return new Block((ObjectNode) JsonFileWriter.MAPPER.readTree(json), 0);
    }

    @Test
    void emptyExportStillWritesAnEmptyIndex() throws IOException {
        run(TestContext.of(dir, JsonWriter.create()));
        assertEquals(0, read(dir.resolve("json/index.json")).get("objects").size());
        assertEquals(0, read(dir.resolve("json/users.json")).get("results").size());
    }

    @Test
    void hostileTitlesStayInsideTheOutputFolder() throws IOException {
        List<PageExport> exports = new ArrayList<>();
        String[] titles = {"../../etc/passwd", "CON", "a/b\\c", "..", "con"};
        for (int i = 0; i < titles.length; i++) {
            ObjectNode json = JsonFileWriter.MAPPER.createObjectNode().put("object", "page")
                    .put("id", "a000000" + i + "-0000-4000-8000-000000000000");
            json.putObject("properties").putObject("title").put("type", "title")
                    .set("title", Fixtures.richText(titles[i]));
            exports.add(PageExport.ofPage(new Page(json), List.of(), List.of()));
        }
        List<ExportEvent> events = run(TestContext.of(dir, JsonWriter.create()), exports.toArray(PageExport[]::new));

        assertEquals(titles.length + 2, events.size(), "one event per page + index + users");
        Path root = dir.toRealPath();
        for (ExportEvent event : events.subList(0, titles.length)) {
            Path file = assertInstanceOf(ExportEvent.PageWritten.class, event).file();
            Path real = dir.resolve(file).toRealPath();
            assertTrue(real.startsWith(root.resolve("json")), real.toString());
            assertEquals("json", file.getParent().toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(titles.length + 2, all.filter(Files::isRegularFile).count(), "one file per page + index + users");
        }
        assertTrue(Files.exists(dir.resolve("json/CON_.json")));
    }

    @Test
    void requestsOneExportAtATime() {
        List<Long> requests = new ArrayList<>();
        Fixtures.Fixture page = Fixtures.load("lists");
        Flux<PageExport> exports = Flux.range(0, 5).map(i -> page.export()).doOnRequest(requests::add);
        StepVerifier.create(JsonWriter.create().write(exports, TestContext.of(dir, JsonWriter.create())), 0)
                .thenRequest(1)
                .expectNextCount(1)
                .thenRequest(10)
                .expectNextCount(4)
                // then the index and the users, files of the whole export
                .expectNextMatches(ExportEvent.OutputWritten.class::isInstance)
                .expectNextMatches(ExportEvent.OutputWritten.class::isInstance)
                .verifyComplete();
        assertTrue(requests.stream().allMatch(n -> n == 1), "bounded demand: " + requests);
    }
}
