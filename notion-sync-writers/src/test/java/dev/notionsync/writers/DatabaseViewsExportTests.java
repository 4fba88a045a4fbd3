package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
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

    @Test
    void viewsRoundTripInJsonInViewOrderAndARerunReadsNoView() throws IOException {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.demo());
                NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                        .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build())) {
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
