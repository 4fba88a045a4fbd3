package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A rerun that would move aside much of the backup keeps it and says so, unless --allow-mass-removal is given. */
class MassRemovalTests {

    private FakeNotionServer server;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(new WorkspaceSpec(7, 10, 3, 0, 0, 0, false, false, 0, 0)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deletingAThirdOfTheWorkspaceIsHeldUntilAllowed() {
        assertThat(export().exitCode()).isEqualTo(ExitCodes.OK);
        Map<String, String> before = ExportTrees.tree(out);
        Workspace workspace = server.workspace();
        workspace.pageIds().limit(3).toList().forEach(workspace::deletePage);

        CliRun held = export();
        Map<String, String> afterHeld = ExportTrees.tree(out);
        long notesAfterHeld = notes();
        CliRun allowed = export("--allow-mass-removal");

        assertThat(held.out()).contains("Kept: 3 objects").contains("--allow-mass-removal");
        assertThat(ExportTrees.differences(before, afterHeld)).isEmpty();
        assertThat(notesAfterHeld).isZero();
        assertThat(allowed.exitCode()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.out()).contains("removed: 3").doesNotContain("Kept:");
        assertThat(notes()).isEqualTo(3);
    }

    private CliRun export(String... more) {
        String[] args = {"export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--out", out.toString(), "--rate-limit", "0", "--formats", "markdown", "--progress", "none"};
        String[] all = Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
        return CliRun.of(all);
    }

    /** Markdown files replaced by the note of a removed page. */
    private long notes() {
        try (Stream<Path> files = Files.walk(out.resolve("markdown"))) {
            return files.filter(file -> file.toString().endsWith(".md")).filter(file -> {
                try {
                    return Files.readString(file).contains("was deleted, trashed or unshared");
                } catch (IOException error) {
                    throw new UncheckedIOException(error);
                }
            }).count();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}
