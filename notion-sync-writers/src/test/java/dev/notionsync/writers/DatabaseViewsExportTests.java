package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo workspace's Projects database has five views (a table sorted by due date with chosen columns, a board, a
 * calendar, a filtered gallery and a filtered, sorted list); the export keeps them in the database's JSON with their
 * rows in the view's order, and a rerun with nothing changed reads no view again.
 */
class DatabaseViewsExportTests {

    @TempDir
    Path dir;
    private FakeNotionServer server;
    private NotionClient client;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.demo());
        client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void viewsRoundTripInJsonInViewOrderAndARerunReadsNoView() throws IOException {
        Path out = dir.resolve("export");
        List<ExportEvent> first = AllFormatsExportTests.exportAll(client, out);
        assertThat(first).noneMatch(ExportEvent.PageFailed.class::isInstance);

        JsonNode projects = JsonFileWriter.MAPPER.readTree(out.resolve("json/Projects.json").toFile());
        JsonNode views = projects.path("views");
        List<String> names = new ArrayList<>();
        views.forEach(view -> names.add(view.path("view").path("name").asText()));
        assertThat(names).containsExactly("By due date", "Board", "Calendar", "Shipped", "P0");
        assertThat(views.get(0).path("view").path("configuration").path("properties")).hasSize(5);

        // every row of the table view, latest due date first, as the view sorts them
        List<String> dues = new ArrayList<>();
        for (JsonNode id : views.get(0).path("rows")) {
            dues.add(row(out, id.asText()).path("properties").path("Due").path("date").path("start").asText());
        }
        assertThat(dues).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // the list view holds only P0 rows, by name
        List<String> titles = new ArrayList<>();
        for (JsonNode id : views.get(4).path("rows")) {
            JsonNode row = row(out, id.asText());
            assertThat(row.path("properties").path("Priority").path("select").path("name").asText()).isEqualTo("P0");
            titles.add(row.path("properties").path("Name").path("title").get(0).path("plain_text").asText());
        }
        assertThat(titles).isNotEmpty().isSorted();
        assertThat(views.get(3).path("rows")).allSatisfy(id -> assertThat(row(out, id.asText())
                .path("properties").path("Shipped").path("checkbox").asBoolean()).isTrue());

        Map<String, Long> before = server.requestCountsByRoute();
        List<ExportEvent> rerun = AllFormatsExportTests.exportAll(client, out);
        assertThat(rerun).noneMatch(ExportEvent.PageFailed.class::isInstance);
        Map<String, Long> after = server.requestCountsByRoute();
        for (String route : after.keySet()) {
            if (route.contains("/v1/views")) {
                assertThat(after.get(route)).as(route).isEqualTo(before.get(route));
            }
        }
        JsonNode replayed = JsonFileWriter.MAPPER.readTree(out.resolve("json/Projects.json").toFile());
        assertThat(replayed.path("views")).isEqualTo(views);
    }

    @Test
    void htmlShowsTheViewsAsTabsCsvHasAFilePerViewAndMarkdownListsThem() throws IOException {
        Path out = dir.resolve("export");
        AllFormatsExportTests.exportAll(client, out);
        JsonNode views = JsonFileWriter.MAPPER.readTree(out.resolve("json/Projects.json").toFile()).path("views");
        List<String> byDue = new ArrayList<>();
        views.get(0).path("rows").forEach(id -> byDue.add(row(out, id.asText()).path("properties").path("Name")
                .path("title").get(0).path("plain_text").asText()));

        // the table view's file: its visible columns in its order (Progress is hidden), its rows in its order
        List<List<String>> csv = CsvRecords.parse(java.nio.file.Files.readString(
                out.resolve("csv/Projects (By due date).csv")).substring(1));
        assertThat(csv.get(0)).containsExactly("Name", "Status", "Due", "Priority", "markdown");
        assertThat(csv.subList(1, csv.size()).stream().map(record -> record.get(0)).toList())
                .containsExactlyElementsOf(byDue);
        List<List<String>> p0 = CsvRecords.parse(java.nio.file.Files.readString(out.resolve("csv/Projects (P0).csv"))
                .substring(1));
        assertThat(p0).hasSize(views.get(4).path("rows").size() + 1);

        String html = java.nio.file.Files.readString(out.resolve("html/Projects.html"));
        assertThat(html).contains("<nav class=\"view-tabs\">", "href=\"#view-1\"", "href=\"#view-5\"",
                "Filter: Shipped checkbox equals true", "Sorted by Due descending", "class=\"board\"",
                "class=\"calendar\"", "class=\"gallery\"");
        String table = html.substring(html.indexOf("id=\"view-1\""), html.indexOf("id=\"view-2\""));
        assertThat(table).contains("<th>Name</th><th>Status</th><th>Due</th><th>Priority</th></tr>")
                .doesNotContain("<th>Progress</th>");
        int at = -1;
        for (String title : byDue) {
            int next = table.indexOf(">" + title + "<");
            assertThat(next).as(title).isGreaterThan(at);
            at = next;
        }

        String markdown = java.nio.file.Files.readString(out.resolve("markdown/Projects.md"));
        assertThat(markdown).contains("## Views", "### By due date (table)", "### P0 (list)",
                "Filter: Priority select equals P0");
    }

    @Test
    void aLinkedViewShowsItsRowsAndLinksItsSourceAndAnUnreadableOneIsAReportedPlaceholder() throws IOException {
        Path out = dir.resolve("export");
        List<ExportEvent> events = AllFormatsExportTests.exportAll(client, out);

        JsonNode linked = JsonFileWriter.MAPPER.readTree(out.resolve("json/Open projects.json").toFile());
        assertThat(linked.path("database").path("notion_sync_linked_view").path("database_id").asText())
                .isNotEmpty();
        JsonNode rows = linked.path("views").get(0).path("rows");
        assertThat(rows).isNotEmpty();
        for (JsonNode id : rows) {
            assertThat(row(out, id.asText()).path("properties").path("Shipped").path("checkbox").asBoolean())
                    .isFalse();
        }
        String html = java.nio.file.Files.readString(out.resolve("html/Open projects.html"));
        assertThat(html).contains("href=\"Projects.html\"", "Filter: Shipped checkbox equals false");
        JsonNode first = row(out, rows.get(0).asText());
        String title = first.path("properties").path("Name").path("title").get(0).path("plain_text").asText();
        assertThat(html).contains("href=\"" + MarkdownText.segment(title + ".html") + "\"");
        assertThat(out.resolve("html/" + title + ".html")).isRegularFile();
        assertThat(out.resolve("csv/Open projects (Open projects).csv")).isRegularFile();

        // the view Notion shows only as a reference names no source: a placeholder, reported with the reason
        JsonNode placeholder = JsonFileWriter.MAPPER.readTree(out.resolve("json/Roadmap (linked).json").toFile());
        assertThat(placeholder.path("database").path("notion_sync_placeholder").asText())
                .isEqualTo(ExportEvent.Reasons.LINKED_DATABASE);
        assertThat(events).filteredOn(ExportEvent.Skipped.class::isInstance).map(ExportEvent.Skipped.class::cast)
                .filteredOn(skip -> ExportEvent.Reasons.LINKED_DATABASE.equals(skip.reason()))
                .anySatisfy(skip -> assertThat(skip.message()).contains("not resolved through the Views API"))
                .noneSatisfy(skip -> assertThat(skip.id()).isEqualTo(linked.path("database").path("id").asText()));
    }

    private static JsonNode row(Path out, String id) {
        try {
            JsonNode index = JsonFileWriter.MAPPER.readTree(out.resolve("json/index.json").toFile());
            for (JsonNode object : index.path("objects")) {
                if (object.path("id").asText().replace("-", "").equals(id.replace("-", ""))) {
                    return JsonFileWriter.MAPPER.readTree(out.resolve(object.path("files").path("json").asText())
                            .toFile()).path("page");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("row " + id + " not exported");
    }
}
