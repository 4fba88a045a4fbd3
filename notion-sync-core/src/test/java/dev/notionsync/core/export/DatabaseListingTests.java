package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rerun replays a database search lists unchanged without its {@code GET /v1/databases/{id}}, as it does pages, and
 * still fetches one that was renamed or whose schema changed.
 */
class DatabaseListingTests {

    @TempDir
    Path dir;
    private Workspace workspace;
    private FakeNotionServer server;
    private NotionClient client;
    private Path out;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withPages(60).withBlocksPerPage(3).withCoverage(false)
                .withHostileTitles(false).withDatabases(3));
        server = FakeNotionServer.start(workspace);
        client = Exports.client(server);
        out = dir.resolve("out");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Exports.Run export() {
        return Exports.export(NotionSync.create(client), ExportSpec.builder().outputDir(out)
                .writers(new TextWriter()).concurrency(4).build());
    }

    /** The ids of a route's requests in the log, normalized, e.g. {@code GET /v1/databases/}. */
    private List<String> requested(String prefix) {
        return server.requestLog().stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> FileNames.normalizeId(line.substring(prefix.length()).replaceAll("[/?].*", "")))
                .toList();
    }

    /** A generated database with a single data source (database 0 has two). */
    private String database() {
        return workspace.databaseIds().skip(1).findFirst().orElseThrow();
    }

    private String dataSourceOf(String database) {
        return workspace.database(database).orElseThrow().get("data_sources").get(0).get("id").asText();
    }

    private PageExport snapshot(String id) throws IOException {
        return new Snapshots(StateDirectory.of(out)).read(id).orElseThrow();
    }

    private static List<String> fetchedDatabases(Exports.Run run) {
        return run.events().stream().filter(ExportEvent.PageExported.class::isInstance)
                .map(ExportEvent.PageExported.class::cast)
                .filter(event -> event.kind() == PageExport.Kind.DATABASE && !event.unchanged())
                .map(event -> FileNames.normalizeId(event.id()))
                .toList();
    }

    @Test
    void aRerunWithNothingChangedAsksForNoDatabase() {
        Exports.Run first = export();
        assertThat(requested("GET /v1/databases/")).hasSizeGreaterThanOrEqualTo(3);
        server.resetCounters();

        Exports.Run second = export();

        assertThat(requested("GET /v1/databases/")).isEmpty();
        assertThat(requested("GET /v1/data_sources/")).isEmpty();
        // every database, the linked view among them, is still handed to the writers, replayed
        assertThat(second.summary().databases()).isEqualTo(first.summary().databases()).isGreaterThanOrEqualTo(3);
        assertThat(second.summary().unchanged()).isEqualTo(first.summary().pages() + first.summary().databases());
        assertThat(second.summary().rows()).isEqualTo(first.summary().rows());
    }

    @Test
    void aRenamedDatabaseIsFetchedAgainWithItsNewTitle() throws IOException {
        export();
        String renamed = database();
        workspace.renameDatabase(renamed, "Renamed between runs");
        server.resetCounters();

        Exports.Run second = export();

        String id = FileNames.normalizeId(renamed);
        // only the database whose page changed is asked for; the others are replayed
        assertThat(requested("GET /v1/databases/")).containsExactly(id);
        assertThat(fetchedDatabases(second)).containsExactly(id);
        assertThat(snapshot(renamed).title()).isEqualTo("Renamed between runs");
    }

    @Test
    void aDataSourceWhoseSchemaChangedIsFetchedAgainWithTheNewProperty() throws IOException {
        export();
        String changed = database();
        String source = dataSourceOf(changed);
        workspace.addProperty(source, "Reviewer");
        server.resetCounters();

        Exports.Run second = export();

        String id = FileNames.normalizeId(changed);
        assertThat(requested("GET /v1/databases/")).containsExactly(id);
        assertThat(requested("GET /v1/data_sources/")).containsExactly(FileNames.normalizeId(source));
        assertThat(fetchedDatabases(second)).containsExactly(id);
        assertThat(snapshot(changed).dataSources().get(0).schema().has("Reviewer")).isTrue();
    }
}
