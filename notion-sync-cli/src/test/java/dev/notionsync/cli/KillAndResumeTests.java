package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code kill -9} of the exporter at any moment loses nothing: rerunning the same command finishes the export,
 * and the result is the tree an uninterrupted export produces, with no half-written or temporary file.
 */
class KillAndResumeTests {

    @TempDir
    static Path dir;
    private static FakeNotionServer server;
    private static Map<String, String> uninterrupted;

    @BeforeAll
    static void exportOnce() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withHostileTitles(false)));
        Path baseline = dir.resolve("baseline");
        CliRun run = CliRun.of(args(baseline, "0"));
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        uninterrupted = ExportTrees.tree(baseline);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 30, 60})
    void killedAfterSomeObjectsThenRerunMatchesAnUninterruptedExport(int objectsBeforeKill) throws Exception {
        Path out = dir.resolve("killed-after-" + objectsBeforeKill);

        int exported = runAndKill(out, objectsBeforeKill);
        assertThat(exported).isGreaterThanOrEqualTo(objectsBeforeKill);

        CliRun rerun = CliRun.of(args(out, "0"));
        assertThat(rerun.exitCode()).as(rerun.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(ExportTrees.differences(uninterrupted, ExportTrees.tree(out))).isEmpty();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(ExportFiles.TEMP_PREFIX));
        }
    }

    @Test
    void sigtermEndsWithTheSummaryTheReportAndExitCode130ThenARerunCompletes() throws Exception {
        Path out = dir.resolve("terminated");
        Path stdout = dir.resolve("terminated-stdout.txt");
        Process child = new ProcessBuilder(ChildCli.command(args(out, "40"))).redirectOutput(stdout.toFile()).start();
        List<String> err = new ArrayList<>();
        int exported = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                err.add(line);
                if (line.startsWith("exported ") && ++exported == 5) {
                    // SIGTERM, as a service manager sends (Ctrl-C sends SIGINT; both run the shutdown hooks);
                    // through the handle, because Process.destroy also closes the pipe read here
                    child.toHandle().destroy();
                }
            }
        } finally {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).as(String.join("\n", err)).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(err).contains("interrupted: rerun the same command to resume");
        assertThat(Files.readString(stdout)).contains("Export in ").contains("Report: ");
        JsonNode report = new ObjectMapper().readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
        assertThat(report.path("status").asText()).isEqualTo("interrupted");
        assertThat(report.path("objects").size()).isGreaterThanOrEqualTo(5);
        assertThat(report.path("summary").path("pages").asLong()).isPositive();

        CliRun rerun = CliRun.of(args(out, "0"));
        assertThat(rerun.exitCode()).as(rerun.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(ExportTrees.differences(uninterrupted, ExportTrees.tree(out))).isEmpty();
    }

    /** Runs the CLI in a child JVM and kills it (SIGKILL) once it has exported the given number of objects. */
    private static int runAndKill(Path out, int objects) throws IOException, InterruptedException {
        return ChildCli.runAndKill("exported ", objects, args(out, "40"));
    }

    private static String[] args(Path out, String rateLimit) {
        return new String[] {"export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--out", out.toString(), "--rate-limit", rateLimit, "--concurrency", "1", "--progress", "lines"};
    }
}
