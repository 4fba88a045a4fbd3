package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated workspace exported, restored into an empty workspace and exported again: the two exports hold the
 * same content, except what the restore documents as not restorable.
 */
class RestoreRoundTripTests {

    /** Pages, nested blocks of every type (coverage pages), two databases related to each other, files, comments. */
    static final WorkspaceSpec SOURCE = WorkspaceSpec.small().withPages(4).withRowsPerDatabase(6).withRelationSize(4)
            .withHostileTitles(false);

    @TempDir
    static Path dir;
    static FakeNotionServer source;
    static FakeNotionServer target;
    static String parent;
    static CliRun restore;
    static RestoredExports before;
    static RestoredExports after;
    static Map<String, String> ids;

    @BeforeAll
    static void roundTrip() throws IOException {
        source = FakeNotionServer.start(Workspace.generate(SOURCE));
        target = FakeNotionServer.start(Workspace.generate(empty()));
        parent = target.workspace().addRootPage("Restored", "Everything restored lands below.");
        Path exported = dir.resolve("exported");
        CliRun export = CliRun.of("export", "--api-url", source.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--formats", "json", "--out", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        long started = System.nanoTime();
        restore = restore(target, exported, parent);
        System.out.println("restore took " + (System.nanoTime() - started) / 1_000_000 + " ms: " + restore.out());
        Path again = dir.resolve("again");
        CliRun second = CliRun.of("export", "--api-url", target.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--formats", "json", "--out", again.toString(), "--root", parent);
        assertThat(second.exitCode()).as(second.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        before = new RestoredExports(exported);
        after = new RestoredExports(again);
        ids = RestoredExports.ids(exported);
    }

    /** The same users (same seed), no content. */
    static WorkspaceSpec empty() {
        return SOURCE.withPages(0).withDatabases(0).withCoverage(false).withHostileTitles(false);
    }

    static CliRun restore(FakeNotionServer server, Path from, String parentId) {
        return CliRun.of("restore", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--from", from.toString(), "--parent", parentId);
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    @Test
    void theRestoreSucceedsAndSaysWhatItDid() {
        assertThat(restore.exitCode()).as(restore.err()).isEqualTo(ExitCodes.OK);
        assertThat(restore.out()).contains("Restore in ");
        assertThat(restore.err()).doesNotContain("\tat ");
    }

    @Test
    void everyExportedObjectIsRestoredWithItsTitle() {
        int compared = 0;
        for (String old : before.documents.keySet()) {
            if (isLinkedView(before.documents.get(old))) {
                continue;
            }
            String restored = ids.get(old);
            assertThat(restored).as("restored id of %s (%s)", old, before.titles.get(old)).isNotNull();
            assertThat(after.titles.get(restored)).as("title of %s", old).isEqualTo(before.titles.get(old));
            compared++;
        }
        assertThat(compared).isGreaterThan(25);
    }

    @Test
    void blocksComeBackWithTheirTypesAndTextInOrder() {
        Map<String, Integer> restorable = new TreeMap<>();
        Map<String, Integer> restored = new TreeMap<>();
        for (Map.Entry<String, JsonNode> document : before.documents.entrySet()) {
            if (!document.getValue().has("page")) {
                continue;
            }
            List<String> was = RestoredExports.blocks(document.getValue());
            List<String> is = RestoredExports.blocks(after.documents.get(ids.get(document.getKey())));
            assertThat(is).as("blocks of %s", before.titles.get(document.getKey())).isEqualTo(was);
            RestoredExports.countByType(was).forEach((type, n) -> restorable.merge(type, n, Integer::sum));
            RestoredExports.countByType(is).forEach((type, n) -> restored.merge(type, n, Integer::sum));
        }
        System.out.println("round trip blocks restored/restorable: " + restored + " / " + restorable);
        assertThat(restored).isEqualTo(restorable).containsKeys("table_row", "column", "synced_block", "image",
                "code", "equation", "toggle");
    }

    @Test
    void rowsKeepTheirPropertyValuesAndRelationsByTitle() {
        int rows = 0;
        for (Map.Entry<String, JsonNode> document : before.documents.entrySet()) {
            JsonNode page = document.getValue().path("page");
            if (!page.path("parent").has("data_source_id")) {
                continue;
            }
            JsonNode restored = after.documents.get(ids.get(document.getKey())).path("page");
            assertThat(after.values(restored, RestoreRoundTripTests::inTarget))
                    .as("values of %s", before.titles.get(document.getKey()))
                    .isEqualTo(before.values(page, RestoreRoundTripTests::inTarget));
            rows++;
        }
        assertThat(rows).isGreaterThanOrEqualTo(12);
    }

    @Test
    void filesComeBackWithTheSameBytes() throws IOException {
        int files = 0;
        for (Map.Entry<String, JsonNode> document : before.documents.entrySet()) {
            if (isLinkedView(document.getValue())) {
                continue;
            }
            List<byte[]> was = before.files(document.getValue());
            List<byte[]> is = after.files(after.documents.get(ids.get(document.getKey())));
            assertThat(is).as("files of %s", before.titles.get(document.getKey())).hasSameSizeAs(was);
            for (int i = 0; i < was.size(); i++) {
                assertThat(is.get(i)).isEqualTo(was.get(i));
            }
            files += was.size();
        }
        assertThat(files).isGreaterThan(5);
    }

    @Test
    void commentsComeBackWithTheirAuthorAndTimeInTheText() {
        int comments = 0;
        for (Map.Entry<String, JsonNode> document : before.documents.entrySet()) {
            if (isLinkedView(document.getValue())) {
                continue;
            }
            List<String> was = new ArrayList<>();
            document.getValue().path("comments").forEach(c -> was.add(text(c)));
            List<String> is = new ArrayList<>();
            JsonNode restored = after.documents.get(ids.get(document.getKey()));
            restored.path("comments").forEach(c -> is.add(text(c)));
            assertThat(is).as("comments of %s", before.titles.get(document.getKey())).hasSameSizeAs(was);
            for (int i = 0; i < was.size(); i++) {
                assertThat(is.get(i)).endsWith(was.get(i)).contains(document.getValue().path("comments").get(i)
                        .path("created_time").asText());
            }
            comments += was.size();
        }
        assertThat(comments).isGreaterThan(5);
    }

    private static boolean inTarget(String userId) {
        return target.workspace().user(userId).isPresent();
    }

    /** A linked view: a database export without data sources of its own (the API cannot create one). */
    static boolean isLinkedView(JsonNode document) {
        return document.has("database") && document.path("data_sources").isEmpty();
    }

    private static String text(JsonNode comment) {
        StringBuilder text = new StringBuilder();
        comment.path("rich_text").forEach(item -> text.append(item.path("plain_text").asText()));
        return text.toString();
    }
}
