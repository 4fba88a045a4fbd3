package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The output folder is written only where it should be, and a full disk ends with one line and exit code 6. */
class OutputSafetyTests {

    private static FakeNotionServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(8).withDatabases(1)
                .withHostileTitles(false)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"markdown", "json", "files", ".notion-sync"})
    void aFolderOfTheToolThatIsASymbolicLinkIsRefused(String folder) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve(folder), elsewhere);

        CliRun run = CliRun.of(args(out, "json,markdown"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(out.resolve(folder).toString()).contains("symbolic link")
                .doesNotContain("\tat ");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertThat(written).as("files written through the link").isEmpty();
        }
    }

    @Test
    void userFilesNamedLikeTheToolSurviveARun() throws IOException {
        Path out = dir.resolve("notes");
        List<Path> notes = List.of(out.resolve(".notion-sync-notes.txt"), out.resolve("markdown/.notion-sync-notes.txt"),
                out.resolve("archive/.notion-sync-notes.txt"));
        for (Path note : notes) {
            Files.createDirectories(note.getParent());
            Files.writeString(note, "my notes");
        }
        Path leftover = out.resolve("markdown/.notion-sync-tmp-0123456789ab-9f86d081884c7d659a2feaa0c55ad015.tmp");
        Files.writeString(leftover, "half a page from a killed run");

        CliRun run = CliRun.of(args(out, "json,markdown"));

        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(notes).allSatisfy(note -> assertThat(note).hasContent("my notes"));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aFullDiskEndsWithOneLineAndTheRerunCompletes() throws Exception {
        Path out = dir.resolve("full");

        Result full = fork(args(out, "json,markdown,html,csv," + FullDiskWriter.NAME));

        assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(full.err().strip().lines()).as(full.err()).hasSize(1);
        assertThat(full.err().strip())
                .startsWith("notion-sync: No space left on device in " + out.resolve(FullDiskWriter.NAME))
                .contains("needs at least 8.0 KB").containsPattern("[0-9.]+ (bytes|KB|MB|GB|TB) free")
                .doesNotContain("Exception").doesNotContain("\tat ");

        CliRun rerun = CliRun.of(args(out, "json,markdown,html,csv"));

        assertThat(rerun.exitCode()).as(rerun.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(rerun.out()).contains("Export in ");
        assertThat(out.resolve("json/index.json")).exists();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private static String[] args(Path out, String formats) {
        return new String[] {"export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--out", out.toString(), "--formats", formats, "--rate-limit", "0", "--progress", "none"};
    }

    /** What a child JVM printed: its whole stderr, logging included. */
    private record Result(int exitCode, String err) {
    }

    private static Result fork(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), NotionSyncCli.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(child.exitValue(), err);
    }
}
