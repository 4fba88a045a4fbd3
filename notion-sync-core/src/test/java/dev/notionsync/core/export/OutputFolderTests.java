package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The output folder belongs to the user except for the tool's own folders and files. */
class OutputFolderTests {

    @TempDir
    Path out;

    /** Temporary names as a killed run of another process left them: {@code .notion-sync-tmp-<run>-[<label>-]<random>.tmp}. */
    private static final String LEFTOVER = ".notion-sync-tmp-0123456789ab-9f86d081884c7d659a2feaa0c55ad015.tmp";
    private static final String LEFTOVER_INDEX = ".notion-sync-tmp-0123456789ab-index-3a7bd3e2360a3d29eea436fcfb7e44c7.tmp";

    @Test
    void onlyTemporaryFilesOfTheToolAreRemovedAndOnlyInItsFolders() throws IOException {
        List<Path> userFiles = List.of(
                out.resolve(".notion-sync-notes.txt"),
                out.resolve("json/.notion-sync-notes.txt"),
                out.resolve("my notes/.notion-sync-ideas.md"),
                out.resolve(".notion-sync/.notion-sync-todo.txt"),
                // the tool's name shape, but in a folder the tool does not write: the user's business
                out.resolve("my notes").resolve(LEFTOVER));
        List<Path> leftovers = List.of(
                out.resolve(LEFTOVER),
                out.resolve("json/sub folder").resolve(LEFTOVER),
                out.resolve("json").resolve(LEFTOVER_INDEX),
                out.resolve("files").resolve(LEFTOVER),
                out.resolve(".notion-sync/objects").resolve(LEFTOVER));
        for (Path file : concat(userFiles, leftovers)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "mine");
        }

        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(2)
                .withDatabases(0)))) {
            NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                    .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build());
            NotionSync.create(client).export(ExportSpec.builder().outputDir(out).writers(new Named("json")).build())
                    .blockLast(Duration.ofSeconds(60));
        }

        assertThat(userFiles).allSatisfy(file -> assertThat(file).hasContent("mine"));
        assertThat(leftovers).allSatisfy(file -> assertThat(file).doesNotExist());
    }

    @Test
    void temporaryNamesCarryTheRunIdAndAreRecognised() {
        String name = ExportFiles.temporaryName("rows");

        assertThat(name).startsWith(ExportFiles.TEMP_PREFIX + ExportFiles.RUN_ID + "-rows-").endsWith(".tmp");
        assertThat(ExportFiles.isTemporary(name)).isTrue();
        assertThat(ExportFiles.isTemporary(ExportFiles.temporaryName(""))).isTrue();
        assertThat(ExportFiles.isTemporary(".notion-sync-notes.txt")).isFalse();
        assertThat(ExportFiles.isTemporary(ExportFiles.TEMP_PREFIX + "my-backup.tmp")).isFalse();
        assertThat(ExportFiles.isTemporary(name + ".bak")).isFalse();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** A writer that writes nothing, under a format folder's name. */
    private record Named(String name) implements ExportWriter {
        @Override
        public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
            return exports.thenMany(Flux.empty());
        }
    }
}
