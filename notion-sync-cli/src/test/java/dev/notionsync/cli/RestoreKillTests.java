package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code kill -9} of the restore at any moment creates nothing twice: rerunning the same command finishes it, and
 * the target then holds exactly what an uninterrupted restore makes.
 */
class RestoreKillTests {

    @TempDir
    static Path dir;
    static Path exported;
    static List<String> uninterrupted;

    @BeforeAll
    static void exportAndRestoreOnce() throws IOException {
        try (FakeNotionServer source = FakeNotionServer.start(Workspace.generate(RestoreRoundTripTests.SOURCE))) {
            exported = dir.resolve("exported");
            CliRun export = CliRun.of("export", "--api-url", source.baseUrl(), "--token",
                    FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0", "--formats", "json", "--out",
                    exported.toString());
            assertThat(export.exitCode()).as(export.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        }
        try (FakeNotionServer target = FakeNotionServer.start(Workspace.generate(RestoreRoundTripTests.empty()))) {
            String parent = target.workspace().addRootPage("Restored", "Below.");
            Path copy = copy("uninterrupted");
            CliRun run = RestoreRoundTripTests.restore(target, copy, parent);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            uninterrupted = tree(target.workspace(), parent);
        }
    }

    @AfterAll
    static void done() {
        uninterrupted = null;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 20})
    void killedAfterSomeObjectsThenRerunEqualsAnUninterruptedRestore(int objectsBeforeKill) throws Exception {
        try (FakeNotionServer target = FakeNotionServer.start(Workspace.generate(RestoreRoundTripTests.empty()))) {
            String parent = target.workspace().addRootPage("Restored", "Below.");
            Path from = copy("killed-" + objectsBeforeKill);

            int restored = runAndKill(target, from, parent, objectsBeforeKill);
            assertThat(restored).isGreaterThanOrEqualTo(objectsBeforeKill);
            List<String> partial = tree(target.workspace(), parent);
            assertThat(partial).isNotEqualTo(uninterrupted);

            CliRun rerun = RestoreRoundTripTests.restore(target, from, parent);
            assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
            assertThat(tree(target.workspace(), parent)).isEqualTo(uninterrupted);
        }
    }

    /** Runs the restore in a child JVM and kills it (SIGKILL) once it has restored the given number of objects. */
    private static int runAndKill(FakeNotionServer target, Path from, String parent, int objects)
            throws IOException, InterruptedException {
        return ChildCli.runAndKill("restored ", objects, "restore", "--api-url", target.baseUrl(), "--token",
                FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0", "--from", from.toString(), "--parent", parent,
                "--progress", "lines");
    }

    private static Path copy(String name) throws IOException {
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(exported)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(exported.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    /** The restored content as lines: every block, page, database, data source and row below the parent. */
    static List<String> tree(Workspace workspace, String parent) {
        List<String> out = new ArrayList<>();
        walk(workspace, parent, "", out);
        return out;
    }

    private static void walk(Workspace workspace, String id, String indent, List<String> out) {
        for (ObjectNode block : workspace.children(id)) {
            String type = block.path("type").asText();
            out.add(indent + type + ": " + RestoredExports.text(block.path(type)) + block.path(type).path("title")
                    .asText(""));
            if ("child_database".equals(type)) {
                JsonNode database = workspace.database(block.path("id").asText()).orElseThrow();
                for (JsonNode source : database.path("data_sources")) {
                    List<String> rows = new ArrayList<>();
                    for (String row : workspace.rowIds(source.path("id").asText())) {
                        List<String> content = new ArrayList<>();
                        walk(workspace, row, indent + "    ", content);
                        rows.add(indent + "  row " + workspace.title(row) + " " + content);
                    }
                    rows.sort(String::compareTo);
                    out.add(indent + " source " + source.path("name").asText());
                    out.addAll(rows);
                }
            } else if (block.path("has_children").asBoolean() && !block.path(type).path("synced_from").isObject()
                    || "child_page".equals(type)) {
                walk(workspace, block.path("id").asText(), indent + "  ", out);
            }
        }
    }
}
