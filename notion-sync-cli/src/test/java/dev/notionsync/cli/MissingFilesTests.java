package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.NotionSync;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that could not be downloaded are never forgotten: every rerun fetches their pages again (for fresh URLs)
 * and reports them until they arrive, even though the pages did not change in Notion.
 */
class MissingFilesTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeNotionServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(4).withDatabases(0)
                .withFilesPerPage(2).withHostileTitles(false)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void filesThatFailedAreRetriedByEveryRerunAndReportedUntilTheyArrive() throws IOException {
        Set<String> expected = export(dir.resolve("clean")).present();
        assertThat(expected).hasSizeGreaterThan(2);
        Path out = dir.resolve("out");

        server.faults().failNextDownloads(Integer.MAX_VALUE, 500);
        Outcome first = export(out);
        Outcome second = export(out);
        server.faults().clear();
        Outcome third = export(out);

        assertThat(first.run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(first.downloadFailures()).isPositive();
        assertThat(first.present).isEmpty();

        // nothing changed in Notion, but the files are still missing: they are tried again, and still reported
        assertThat(second.run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(second.downloadFailures()).isEqualTo(first.downloadFailures());
        assertThat(second.run.out()).contains("Failures: " + first.downloadFailures() + " (download_failed: ");
        assertThat(second.failedObjects()).isEqualTo(first.failedObjects());
        assertThat(second.present).isEmpty();
        assertThat(second.signedLinks).as("links to signed URLs").isPositive();

        assertThat(third.run.exitCode()).as(third.run.out()).isEqualTo(ExitCodes.OK);
        assertThat(third.report.path("summary").path("failures").size()).isZero();
        assertThat(third.failedObjects()).isEmpty();
        assertThat(third.present).isEqualTo(expected);
        assertThat(third.signedLinks).as("links to signed URLs").isZero();
    }

    private Outcome export(Path out) throws IOException {
        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--max-retries", "0", "--formats", "json,markdown", "--progress", "none",
                "--out", out.toString());
        JsonNode report = MAPPER.readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
        return new Outcome(run, report, attachments(out), signedLinks(out));
    }

    /** The downloaded files, by their content-addressed names. */
    private static Set<String> attachments(Path out) throws IOException {
        Path files = out.resolve("files");
        if (!Files.isDirectory(files)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).map(file -> files.relativize(file).toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    /** Markdown links to Notion's signed file URLs, which expire an hour after they were fetched. */
    private static long signedLinks(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out.resolve("markdown"))) {
            return walk.filter(file -> file.toString().endsWith(".md")).mapToLong(file -> {
                try {
                    return Files.readString(file).split("X-Amz-Signature", -1).length - 1;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** One run of the CLI and what it left. */
    private record Outcome(CliRun run, JsonNode report, Set<String> present, long signedLinks) {

        long downloadFailures() {
            return report.path("summary").path("failures").path(ExportEvent.Reasons.DOWNLOAD_FAILED).asLong();
        }

        List<String> failedObjects() {
            return report.path("objects").findParents("status").stream()
                    .filter(entry -> "failed".equals(entry.path("status").asText()))
                    .map(entry -> entry.path("id").asText() + " " + entry.path("reason").asText())
                    .sorted()
                    .toList();
        }
    }
}
