package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures of a run: every object counted once, files counted by whether their content changed. */
class SummaryTests {

    private FakeNotionServer server;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRerunWithNothingChangedChangesNoFileAndCountsEveryObjectAsUnchanged() throws IOException {
        ExportSpec spec = ExportSpec.builder().outputDir(out).writers(new TextWriter()).build();
        Exports.Run initial = export(spec);
        ExportEvent.Summary first = initial.summary();
        // attachments are downloaded only for objects fetched, so a rerun with nothing changed downloads none
        long written = initial.events().stream().filter(event -> event instanceof ExportEvent.PageWritten file
                && !"attachments".equals(file.writer())).count();
        Exports.Run rerun = export(spec);
        ExportEvent.Summary second = rerun.summary();

        assertThat(first.unchanged()).isZero();
        assertThat(first.filesUnchanged()).isZero();
        assertThat(first.exported()).isEqualTo(first.pages() + first.databases()).isPositive();
        assertThat(second.files()).as("files changed").isZero();
        assertThat(second.filesUnchanged()).isEqualTo(written).isPositive();
        assertThat(second.pages()).isEqualTo(first.pages());
        assertThat(second.databases()).isEqualTo(first.databases());
        assertThat(second.unchanged()).isEqualTo(second.pages() + second.databases());
        assertThat(second.exported()).isZero();
        // what was skipped the first time for a real reason is skipped again, and nothing else is
        assertThat(second.skipped()).isEqualTo(first.skipped()).doesNotContainKey(ExportEvent.Reasons.UNCHANGED);
        assertThat(rerun.events()).filteredOn(ExportEvent.PageExported.class::isInstance)
                .hasSize((int) second.unchanged())
                .allMatch(event -> ((ExportEvent.PageExported) event).unchanged());
        assertThat(rerun.events()).filteredOn(ExportEvent.PageWritten.class::isInstance)
                .noneMatch(event -> ((ExportEvent.PageWritten) event).changed());

        JsonNode report = report();
        assertThat(report.path("summary").path("files_changed").asLong()).isZero();
        assertThat(report.path("summary").path("files_unchanged").asLong()).isEqualTo(second.filesUnchanged());
        assertThat(report.path("summary").path("unchanged").asLong()).isEqualTo(second.unchanged());
        assertThat(report.path("summary").path("exported").asLong()).isZero();
        Map<String, Long> statuses = statuses(report);
        assertThat(statuses).containsEntry(ExportEvent.Reasons.UNCHANGED, second.unchanged())
                .doesNotContainKey("exported");
        assertThat(statuses.getOrDefault("skipped", 0L)).isEqualTo(second.skippedCount());
    }

    @Test
    void everyRequestOfTheRunIsCountedTheListingsReadAheadToo() {
        ExportSpec spec = ExportSpec.builder().outputDir(out).writers(new TextWriter()).build();
        server.resetCounters();
        ExportEvent.Summary first = export(spec).summary();
        long firstServed = server.requestCount();
        server.resetCounters();
        ExportEvent.Summary rerun = export(spec).summary();

        // a rerun with nothing changed is mostly search and data-source queries, read ahead of the walk
        assertThat(server.requestCountsByRoute()).containsKey("POST /v1/search");
        assertThat(rerun.apiRequests()).as("the rerun's requests as the server counted them")
                .isEqualTo(server.requestCount()).isPositive();
        assertThat(first.apiRequests()).isEqualTo(firstServed);
    }

    @Test
    void aLinkedDatabaseIsCountedOnceAsSkippedAndNotAsADatabase() throws IOException {
        NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();
        Exports.Run run = export(ExportSpec.builder().outputDir(out).writers(writer).build());
        ExportEvent.Summary summary = run.summary();

        List<String> placeholders = writer.exports.stream().filter(PageExport::isPlaceholder)
                .map(PageExport::id).toList();
        Workspace workspace = server.workspace();
        long databases = workspace.databaseIds()
                .filter(id -> workspace.database(id).map(db -> !db.path("in_trash").asBoolean()).orElse(false))
                .count();
        // the writers still get the placeholder, so links to the linked view resolve
        assertThat(placeholders).isNotEmpty();
        assertThat(summary.skipped()).containsEntry(ExportEvent.Reasons.LINKED_DATABASE, (long) placeholders.size());
        assertThat(summary.databases()).isEqualTo(databases);
        assertThat(run.events()).filteredOn(ExportEvent.PageExported.class::isInstance)
                .extracting(event -> ((ExportEvent.PageExported) event).id())
                .doesNotContainAnyElementsOf(placeholders);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : report().path("objects")) {
            if (placeholders.contains(entry.path("id").asText())) {
                entries.add(entry.path("status").asText() + " " + entry.path("reason").asText());
            }
        }
        assertThat(entries).hasSize(placeholders.size())
                .containsOnly("skipped " + ExportEvent.Reasons.LINKED_DATABASE);
        assertThat(report().path("summary").path("databases").asLong()).isEqualTo(databases);
    }

    private JsonNode report() throws IOException {
        return new ObjectMapper().readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
    }

    private static Map<String, Long> statuses(JsonNode report) {
        Map<String, Long> counts = new HashMap<>();
        report.path("objects").forEach(entry -> counts.merge(entry.path("status").asText(), 1L, Long::sum));
        return counts;
    }

    private Exports.Run export(ExportSpec spec) {
        return Exports.export(NotionSync.create(Exports.client(server)), spec);
    }
}
