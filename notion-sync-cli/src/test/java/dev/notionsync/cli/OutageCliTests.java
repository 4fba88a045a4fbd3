package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI through an outage of the fake server: waited out, or stopped past {@code --max-outage} and resumed. */
class OutageCliTests {

    /** API requests served before the outage strikes. */
    private static final int BEFORE_OUTAGE = 40;

    private static FakeNotionServer server;
    private static Set<String> clean;

    @TempDir
    static Path dir;

    @BeforeAll
    static void cleanExport() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withHostileTitles(false)));
        Path out = dir.resolve("clean");
        assertThat(export(out).exitCode()).isEqualTo(ExitCodes.OK);
        clean = objects(out);
    }

    @AfterEach
    void clearFaults() {
        server.faults().clear();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anOutageInTheMiddleIsWaitedOutAndShownAndNothingIsMissing() {
        Path out = dir.resolve("waited");
        server.faults().outageAfter(BEFORE_OUTAGE, Duration.ofSeconds(3));

        CliRun run = export(out, "--progress", "lines");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("Notion unavailable, retrying in 2 s").contains("Notion is back after ");
        assertThat(run.out()).contains("Failures: 0");
        assertThat(objects(out)).isEqualTo(clean);
    }

    @Test
    void anOutageLongerThanMaxOutageStopsWithItsOwnExitCodeAndARerunCompletes() {
        Path out = dir.resolve("stopped");
        server.faults().outageAfter(BEFORE_OUTAGE, Duration.ofDays(365));

        CliRun stopped = export(out, "--max-outage", "2s");
        server.faults().endOutage();
        CliRun rerun = export(out);

        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.OUTAGE);
        assertThat(stopped.err().strip().lines()).hasSize(1);
        assertThat(stopped.err()).startsWith("notion-sync: Notion was unavailable for longer than --max-outage")
                .contains("(2 s)").contains("rerunning the same command resumes it").doesNotContain("\tat ");
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(rerun.out()).contains("Failures: 0");
        assertThat(objects(out)).isEqualTo(clean);
    }

    @Test
    void aMalformedMaxOutageIsAUsageError() {
        CliRun run = CliRun.of("export", "--token", "t", "--max-outage", "soon", "--out",
                dir.resolve("never").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'soon' is not a positive duration such as 90s, 30m or 1h");
    }

    /** The objects the export holds after a run, fetched or unchanged, from its report. */
    private static Set<String> objects(Path out) {
        try {
            JsonNode report = new ObjectMapper().readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
            Set<String> ids = new TreeSet<>();
            report.path("objects").forEach(object -> {
                String status = object.path("status").asText();
                if (status.equals("exported") || status.equals("unchanged")) {
                    ids.add(object.path("id").asText());
                }
            });
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CliRun export(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("export", "--api-url", server.baseUrl(), "--token",
                FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0", "--formats", "json,markdown",
                "--out", out.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--progress")) {
            args.addAll(List.of("--progress", "none"));
        }
        return CliRun.of(args.toArray(String[]::new));
    }
}
