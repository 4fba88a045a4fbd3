package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads get the client's bounded retry: a file host that fails a few times (5xx, reset connections) costs only
 * retries; one that keeps failing ends in {@code download_failed} once the client's retry budget is used up.
 */
class AttachmentRetryTests {

    private static final int RETRIES = 2;

    private FakeNotionServer server;
    private NotionClient client;
    private long hostedFiles;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(4).withDatabases(0)
                .withFilesPerPage(2)));
        client = NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .maxRetries(RETRIES)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .build());
        NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();
        NotionSync.create(client).export(ExportSpec.builder().outputDir(dir.resolve("links")).writers(writer)
                .attachments(false).build()).blockLast(Duration.ofSeconds(60));
        hostedFiles = writer.exports.stream().mapToLong(export -> HostedFiles.of(export).stream()
                .map(HostedFiles.HostedFile::url).distinct().count()).sum();
        assertThat(hostedFiles).isGreaterThan(2);
        server.resetCounters();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twoAnswers503AreRetriedAndEveryFileArrives() {
        server.faults().failNextDownloads(2, 503);

        List<ExportEvent> events = export();

        assertThat(failures(events)).isEmpty();
        assertThat(attachmentsWritten(events)).isEqualTo(hostedFiles);
        assertThat(server.downloadCount()).isEqualTo(hostedFiles + 2);
    }

    @Test
    void resetConnectionsAreRetriedAndEveryFileArrives() {
        server.faults().resetNextDownloads(2);

        List<ExportEvent> events = export();

        assertThat(failures(events)).isEmpty();
        assertThat(attachmentsWritten(events)).isEqualTo(hostedFiles);
    }

    @Test
    void aPermanent500IsReportedAsDownloadFailedAfterTheClientsRetryBudget() {
        server.faults().failNextDownloads(Integer.MAX_VALUE, 500);

        List<ExportEvent> events = export();

        List<ExportEvent.PageFailed> failed = failures(events);
        assertThat(failed).hasSize((int) hostedFiles).allSatisfy(failure -> {
            assertThat(failure.reason()).isEqualTo(ExportEvent.Reasons.DOWNLOAD_FAILED);
            assertThat(failure.message()).contains("the file host answered 500")
                    .contains("gave up after " + RETRIES + " retries");
        });
        assertThat(server.downloadCount()).isEqualTo(hostedFiles * (1 + RETRIES));
        assertThat(attachmentsWritten(events)).isZero();
    }

    @Test
    void filesOfObjectsARunDoesNotReachStayReportedUntilTheyArrive() {
        server.faults().failNextDownloads(Integer.MAX_VALUE, 500);
        NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();
        List<ExportEvent> first = export(writer);
        String root = writer.exports.stream().filter(export -> export.kind() == PageExport.Kind.PAGE)
                .filter(export -> !HostedFiles.of(export).isEmpty()).findFirst().orElseThrow().id();
        server.faults().clear();

        // only one page (and what is below it) this time: the files of the pages outside it are still missing
        List<ExportEvent> second = export(ExportSpec.builder().roots(List.of(root)), new NotionSyncTests.Collecting());
        List<ExportEvent> third = export();

        assertThat(failures(first)).hasSize((int) hostedFiles);
        List<ExportEvent.PageFailed> stillMissing = failures(second);
        assertThat(stillMissing).isNotEmpty().allSatisfy(failure -> {
            assertThat(failure.reason()).isEqualTo(ExportEvent.Reasons.DOWNLOAD_FAILED);
            assertThat(failure.message()).contains("failed in an earlier run").contains("did not reach");
        });
        assertThat(attachmentsWritten(second)).isPositive();
        assertThat(stillMissing.size() + attachmentsWritten(second)).isEqualTo(hostedFiles);
        assertThat(failures(third)).isEmpty();
        assertThat(attachmentsWritten(third)).isEqualTo(hostedFiles - attachmentsWritten(second));
    }

    private List<ExportEvent> export() {
        return export(new NotionSyncTests.Collecting());
    }

    private List<ExportEvent> export(NotionSyncTests.Collecting writer) {
        return export(ExportSpec.builder(), writer);
    }

    private List<ExportEvent> export(ExportSpec.Builder spec, NotionSyncTests.Collecting writer) {
        return NotionSync.create(client)
                .export(spec.outputDir(dir.resolve("out")).writers(writer).build())
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private static List<ExportEvent.PageFailed> failures(List<ExportEvent> events) {
        return events.stream().filter(ExportEvent.PageFailed.class::isInstance).map(ExportEvent.PageFailed.class::cast)
                .toList();
    }

    private static long attachmentsWritten(List<ExportEvent> events) {
        return events.stream().filter(ExportEvent.PageWritten.class::isInstance)
                .filter(event -> "attachments".equals(((ExportEvent.PageWritten) event).writer()))
                .count();
    }
}
