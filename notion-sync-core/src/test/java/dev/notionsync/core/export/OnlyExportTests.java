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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ExportSpec.Builder#only}: just the named objects are fetched, the rest of the export stays as it was. */
class OnlyExportTests {

    private FakeNotionServer server;
    private NotionClient client;
    private Workspace workspace;
    private TextWriter writer;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(new WorkspaceSpec(7, 10, 3, 0, 0, 0, false, false, 0, 0));
        server = FakeNotionServer.start(workspace);
        client = Exports.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ExportSpec.Builder spec() {
        writer = new TextWriter();
        return ExportSpec.builder().outputDir(out).writers(writer);
    }

    @Test
    void fetchesOnlyTheNamedPageWithoutSearchOrWalkAndKeepsEveryOtherObject() throws IOException {
        Exports.export(NotionSync.create(client), spec().build());
        List<String> pages = workspace.pageIds().toList();
        String edited = pages.get(3);
        String other = pages.get(5);
        workspace.editPageText(edited, "Changed and named");
        workspace.editPageText(other, "Changed but not named");
        server.resetCounters();

        Exports.Run run = Exports.export(NotionSync.create(client), spec().only(List.of(edited)).build());

        assertThat(Files.readString(out.resolve(TextWriter.file(edited)))).contains("Changed and named");
        assertThat(Files.readString(out.resolve(TextWriter.file(other)))).doesNotContain("Changed but not named");
        assertThat(server.requestCountsByRoute()).doesNotContainKey("POST /v1/search")
                .doesNotContainKey("POST /v1/data_sources/{id}/query");
        // the writers still saw every object of the export: the named one fetched, the others from their snapshots
        assertThat(writer.byId).containsKey(FileNames.normalizeId(other));
        assertThat(run.events()).filteredOn(e -> e instanceof ExportEvent.PageExported exported
                && !exported.unchanged()).extracting(Exports.Run::id).containsExactly(edited);
        assertThat(run.reasons(ExportEvent.Reasons.REMOVED)).isEmpty();
    }

    @Test
    void aNamedPageInTheTrashIsMovedAsideAndNothingElse() throws IOException {
        Exports.export(NotionSync.create(client), spec().build());
        List<String> pages = workspace.pageIds().toList();
        String trashed = pages.get(4);
        workspace.trashPage(trashed);

        Exports.Run run = Exports.export(NotionSync.create(client), spec().only(List.of(trashed)).build());

        assertThat(run.reasons(ExportEvent.Reasons.REMOVED)).extracting(Exports.Run::id).containsExactly(FileNames.normalizeId(trashed));
        // a Markdown page others may link to is replaced by a note saying where its last export went
        assertThat(Files.readString(out.resolve(TextWriter.file(trashed)))).contains("deleted, trashed or unshared");
        assertThat(out.resolve(TextWriter.file(pages.get(5)))).exists();
    }

    @Test
    void onlyAndRootsCannotBeCombined() {
        assertThatThrownBy(() -> spec().roots(List.of("a")).only(List.of("b")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only and roots");
    }
}
