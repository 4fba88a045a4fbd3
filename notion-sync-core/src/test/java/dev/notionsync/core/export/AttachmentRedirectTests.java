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
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirects of file downloads against the fake file host: a redirect away from it is refused before any connection
 * and reported as a failed download naming the target; one within it is followed, a few times at most. Every
 * refused target here is either never connected to or a loopback socket that counts connections.
 */
class AttachmentRedirectTests {

    private FakeNotionServer server;
    private NotionClient client;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(4).withDatabases(0)
                .withFilesPerPage(2)));
        client = NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefusedAndReported() throws IOException {
        server.faults().redirectNextDownloads(1000, uri -> "http://169.254.169.254/latest/meta-data/iam/");

        List<ExportEvent> events = export();

        List<ExportEvent.PageFailed> failed = downloadFailures(events);
        assertThat(failed).isNotEmpty().allSatisfy(failure -> assertThat(failure.message())
                .contains("refused the redirect to http://169.254.169.254/latest/meta-data/iam/")
                .contains("link-local"));
        assertThat(storedFiles()).isEmpty();
        assertThat(events).filteredOn(ExportEvent.PageWritten.class::isInstance)
                .noneMatch(event -> "attachments".equals(((ExportEvent.PageWritten) event).writer()));
    }

    @Test
    void aRedirectToAnotherLocalPortIsRefusedBeforeConnecting() throws IOException {
        try (ServerSocketChannel admin = ServerSocketChannel.open()) {
            admin.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            admin.configureBlocking(false);
            int port = ((InetSocketAddress) admin.getLocalAddress()).getPort();
            server.faults().redirectNextDownloads(1000, uri -> "http://localhost:" + port + "/_admin/stats");

            List<ExportEvent> events = export();

            assertThat(downloadFailures(events)).isNotEmpty().allSatisfy(failure -> assertThat(failure.message())
                    .contains("refused the redirect to http://localhost:" + port + "/_admin/stats")
                    .contains("loopback"));
            assertThat(admin.accept()).as("connections to the refused target").isNull();
            assertThat(storedFiles()).isEmpty();
        }
    }

    @Test
    void redirectsToOtherSchemesAreRefused() throws IOException {
        server.faults().redirectNextDownloads(1000, uri -> uri.contains("image") ? "file:///etc/passwd"
                : "ftp://127.0.0.1/passwd");

        List<ExportEvent.PageFailed> failed = downloadFailures(export());

        assertThat(failed).isNotEmpty().allSatisfy(failure -> assertThat(failure.message())
                .containsAnyOf("refused the redirect to file:///etc/passwd", "refused the redirect to ftp://127.0.0.1/passwd")
                .contains("only http and https are followed"));
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void redirectsWithinTheFileHostAreFollowedWithoutTheToken() throws IOException {
        // at most four redirects, so no one file can meet more than the limit
        server.faults().redirectNextDownloads(4, uri -> uri);
        server.resetCounters();

        List<ExportEvent> events = export();

        assertThat(downloadFailures(events)).isEmpty();
        assertThat(storedFiles()).isNotEmpty();
        assertThat(server.downloadCount()).isGreaterThan(4);
        assertThat(server.downloadsWithAuthorizationCount()).isZero();
    }

    @Test
    void aRedirectLoopEndsAfterFiveRedirects() {
        server.faults().redirectNextDownloads(1000, uri -> uri);

        List<ExportEvent.PageFailed> failed = downloadFailures(export());

        assertThat(failed).isNotEmpty().allSatisfy(failure -> assertThat(failure.message())
                .contains("more than " + Redirects.MAX + " redirects"));
    }

    @Test
    void anAllowedTargetIsConnectedToAtItsCheckedAddressNotResolvedAgain() {
        NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();
        NotionSync.create(client).export(ExportSpec.builder().outputDir(out).writers(writer).attachments(false).build())
                .blockLast(Duration.ofSeconds(60));
        HostedFiles.HostedFile file = writer.exports.stream().flatMap(export -> HostedFiles.of(export).stream())
                .findFirst().orElseThrow();
        String fileId = file.stableUrl().replaceFirst("^.*/files/", "").replaceFirst("/.*", "");
        // a name that resolves nowhere: only the pinned address can be reached
        String elsewhere = file.url().replace("127.0.0.1", "files.invalid");

        byte[] bytes = Attachments.request(HttpClient.create(), elsewhere, InetAddress.getLoopbackAddress())
                .responseSingle((response, body) -> body.asByteArray())
                .block(Duration.ofSeconds(10));

        assertThat(bytes).isEqualTo(server.workspace().fileBytes(fileId));
    }

    private List<ExportEvent> export() {
        return NotionSync.create(client)
                .export(ExportSpec.builder().outputDir(out).writers(new NotionSyncTests.Collecting()).build())
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private static List<ExportEvent.PageFailed> downloadFailures(List<ExportEvent> events) {
        return events.stream().filter(ExportEvent.PageFailed.class::isInstance).map(ExportEvent.PageFailed.class::cast)
                .filter(failure -> ExportEvent.Reasons.DOWNLOAD_FAILED.equals(failure.reason()))
                .toList();
    }

    private List<Path> storedFiles() throws IOException {
        Path files = out.resolve("files");
        if (!Files.isDirectory(files)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
