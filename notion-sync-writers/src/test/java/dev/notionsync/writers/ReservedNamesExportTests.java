package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages titled like the export's own files ({@code index}, {@code Index}, {@code users}, {@code export-report}, ...)
 * and a title with bidirectional controls and NUL, exported through {@link NotionSync} with all four writers from
 * the fake server: every object keeps its own files, and the indexes, the user list and the report stay intact.
 */
class ReservedNamesExportTests {

    private static final List<String> TITLES = List.of("index", "Index", "users", "USERS", "export-report", "assets",
            "files", "style", "_private", ".hidden", "evil\u202Etxt.exe\u0000", "bidi \u2066x\u2069 \u200e\u200f\u061c");

    @TempDir
    static Path dir;
    private static FakeNotionServer server;
    private static Path out;
    private static List<ExportEvent> events;
    /** Page id to title, for the pages added with hostile titles. */
    private static final Map<String, String> added = new LinkedHashMap<>();
    private static final List<JsonNode> objects = new ArrayList<>();

    @BeforeAll
    static void export() throws IOException {
        Workspace workspace = Workspace.generate(new WorkspaceSpec(7, 2, 2, 0, 0, 0, false, false, 0, 0));
        String parent = workspace.pageIds().findFirst().orElseThrow();
        for (String title : TITLES) {
            added.put(workspace.addPage(parent, title, "Body of " + title.length()), title);
        }
        server = FakeNotionServer.start(workspace);
        NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build());
        out = dir.resolve("export");
        events = AllFormatsExportTests.exportAll(client, out);
        JsonFileWriter.MAPPER.readTree(out.resolve("json/index.json").toFile()).path("objects").forEach(objects::add);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyObjectHasItsOwnFilesInEveryFormat() throws IOException {
        assertThat(events).last().isInstanceOfSatisfying(ExportEvent.Finished.class,
                finished -> assertThat(finished.summary().failures()).isEmpty());
        // the placeholder of a linked database is announced as a skip, not as an exported object, and is listed
        long exported = events.stream().filter(event -> event instanceof ExportEvent.PageExported
                || event instanceof ExportEvent.Skipped skip
                && ExportEvent.Reasons.LINKED_DATABASE.equals(skip.reason())).count();
        assertThat(objects).as("the index lists every object").hasSize((int) exported);
        Set<String> ids = new HashSet<>();
        objects.forEach(object -> ids.add(object.path("id").asText()));
        assertThat(ids).containsAll(added.keySet());
        // compared as a case-insensitive file system (macOS, Windows) would
        Set<String> paths = new HashSet<>();
        for (JsonNode object : objects) {
            String id = object.path("id").asText();
            for (String format : List.of("json", "markdown", "html")) {
                String file = object.path("files").path(format).asText();
                assertThat(paths.add(file.toLowerCase(Locale.ROOT))).as("%s shared by two objects", file).isTrue();
                String stem = Path.of(file).getFileName().toString().replaceFirst("\\.[a-z]+$", "");
                assertThat(FileNames.isReserved(stem)).as(file).isFalse();
                assertThat(stem).as(file).doesNotContainPattern("[\\x00-\\x1f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]");
            }
            JsonNode json = JsonFileWriter.MAPPER.readTree(out.resolve(object.path("files").path("json").asText())
                    .toFile());
            assertThat(json.path("page").path("id").asText(json.path("database").path("id").asText()))
                    .as("the JSON file of %s", id).isEqualTo(id);
            if (added.containsKey(id)) {
                String body = "Body of " + added.get(id).length();
                assertThat(out.resolve(object.path("files").path("markdown").asText())).content().contains(body);
                assertThat(out.resolve(object.path("files").path("html").asText())).content().contains(body);
            }
        }
    }

    @Test
    void theExportsOwnFilesAreIntact() throws IOException {
        JsonNode index = JsonFileWriter.MAPPER.readTree(out.resolve("json/index.json").toFile());
        assertThat(index.path("object").asText()).isEqualTo("export_index");
        JsonNode users = JsonFileWriter.MAPPER.readTree(out.resolve("json/users.json").toFile());
        assertThat(users.path("object").asText()).isEqualTo("list");
        assertThat(users.path("results").size()).isPositive();
        JsonNode report = JsonFileWriter.MAPPER.readTree(out.resolve("export-report.json").toFile());
        assertThat(report.isObject()).isTrue();
        assertThat(report.has("page")).as("the report is not a page").isFalse();
        String site = Files.readString(out.resolve("html/index.html"));
        for (JsonNode object : objects) {
            String html = Path.of(object.path("files").path("html").asText()).getFileName().toString();
            assertThat(site).as("the site's index links to " + html).contains("href=\"" + MarkdownText.segment(html) + "\"");
        }
    }

    @Test
    void everyFileThatBelongsToNoObjectHasAReservedName() throws IOException {
        Set<String> owned = new HashSet<>();
        for (JsonNode object : objects) {
            object.path("files").forEach(file -> owned.add(out.resolve(file.asText()).normalize().toString()));
        }
        for (String format : List.of("json", "markdown", "html")) {
            try (Stream<Path> files = Files.list(out.resolve(format))) {
                for (Path file : files.toList()) {
                    if (!owned.contains(file.normalize().toString())) {
                        String stem = file.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
                        assertThat(FileNames.isReserved(stem)).as("%s is the tool's, so its name is reserved", file)
                                .isTrue();
                    }
                }
            }
        }
    }
}
