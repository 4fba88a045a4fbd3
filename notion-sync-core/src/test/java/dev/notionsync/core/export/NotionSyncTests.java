package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.SearchQuery;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NotionSyncTests {

    private FakeNotionServer server;
    private NotionClient client;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        client = Exports.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void searchTakeOneMakesOneHttpRequest() {
        server.resetCounters();

        StepVerifier.create(client.search(SearchQuery.all()).take(1)).expectNextCount(1).verifyComplete();

        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void everyReadablePageIsExportedWithItsAttachmentsByteIdentical() throws IOException {
        Collecting writer = new Collecting();

        ExportEvent.Summary summary = export(ExportSpec.builder().outputDir(out).writers(writer).build());

        Workspace workspace = server.workspace();
        List<String> readable = workspace.pageIds()
                .filter(id -> workspace.page(id).map(page -> !page.path("in_trash").asBoolean()).orElse(false))
                .toList();
        assertThat(writer.ids()).containsAll(readable);
        assertThat(summary.pages()).isEqualTo(readable.size());

        int checked = 0;
        for (PageExport export : writer.exports) {
            int hosted = HostedFiles.of(export).stream().map(HostedFiles.HostedFile::url).distinct()
                    .toList().size();
            assertThat(export.files()).as("local copies of %s", export.id()).hasSize(hosted);
            for (Map.Entry<String, String> file : export.files().entrySet()) {
                String fileId = Path.of(HostedFiles.withoutQuery(file.getKey()).replaceFirst("^.*/files/", ""))
                        .getName(0).toString();
                assertThat(Files.readAllBytes(out.resolve(file.getValue())))
                        .as("bytes of %s", file.getKey().replaceFirst("\\?.*", ""))
                        .isEqualTo(workspace.fileBytes(fileId));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5);
        assertThat(summary.failures()).doesNotContainKey(ExportEvent.Reasons.DOWNLOAD_FAILED);
    }

    @Test
    void anExpiredFileUrlIsRefreshedAndTheFileStillArrives() {
        server.faults().expireNextDownloads(5);
        Collecting writer = new Collecting();

        ExportEvent.Summary summary = export(ExportSpec.builder().outputDir(out).writers(writer).build());

        assertThat(summary.failures()).doesNotContainKey(ExportEvent.Reasons.DOWNLOAD_FAILED);
        long downloaded = writer.exports.stream().mapToLong(export -> export.files().size()).sum();
        long hosted = writer.exports.stream()
                .mapToLong(export -> HostedFiles.of(export).stream().map(HostedFiles.HostedFile::url).distinct()
                        .count())
                .sum();
        assertThat(downloaded).isEqualTo(hosted).isGreaterThan(5);
    }

    @Test
    void identicalFilesAreStoredOnce() throws IOException {
        Collecting writer = new Collecting();

        export(ExportSpec.builder().outputDir(out).writers(writer).build());

        long references = writer.exports.stream().mapToLong(export -> export.files().size()).sum();
        long stored;
        try (Stream<Path> files = Files.walk(out.resolve("files"))) {
            stored = files.filter(Files::isRegularFile).count();
        }
        long distinctContent = writer.exports.stream().flatMap(export -> export.files().values().stream())
                .distinct().count();
        assertThat(stored).isEqualTo(distinctContent).isLessThanOrEqualTo(references);
    }

    @Test
    void theReportListsEveryObjectAndTheFigures() throws IOException {
        ExportEvent.Summary summary = export(ExportSpec.builder().outputDir(out).writers(new Collecting()).build());

        JsonNode report = new ObjectMapper().readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
        assertThat(report.path("status").asText()).isEqualTo("finished");
        assertThat(report.path("summary").path("pages").asLong()).isEqualTo(summary.pages());
        long exported = 0;
        long linked = 0;
        for (JsonNode entry : report.path("objects")) {
            if ("exported".equals(entry.path("status").asText())) {
                exported++;
            }
            if (ExportEvent.Reasons.LINKED_DATABASE.equals(entry.path("reason").asText())) {
                linked++;
            }
        }
        assertThat(exported).isEqualTo(summary.pages() + summary.databases());
        assertThat(linked).isGreaterThanOrEqualTo(1);
        assertNoTemporaryFile();
    }

    @Test
    void aCancelledExportStillWritesTheReportOfWhatItDid() throws IOException {
        // downloads in flight when the export is cancelled end, their temporary files removed, before the cancel
        // returns: the test's folder is removed right after
        List<String> exported = NotionSync.create(client)
                .export(ExportSpec.builder().outputDir(out).writers(new Collecting()).build())
                .ofType(ExportEvent.PageExported.class)
                .map(ExportEvent.PageExported::id)
                // take cancels the export once three objects are out, as Ctrl-C in the CLI does
                .take(3)
                .collectList()
                .block(Duration.ofSeconds(60));

        JsonNode report = new ObjectMapper().readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
        assertThat(report.path("status").asText()).isEqualTo("interrupted");
        List<String> inReport = new ArrayList<>();
        report.path("objects").forEach(entry -> inReport.add(entry.path("id").asText()));
        assertThat(inReport).containsAll(exported);
        assertThat(report.path("summary").path("api_requests").asLong()).isPositive();
        assertNoTemporaryFile();
    }

    @Test
    void aCancelReturnsOnceTheWriterStepInFlightHasWrittenItsFile() throws InterruptedException {
        Thread cancelling = Thread.currentThread();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicBoolean sawTheCancelWaiting = new AtomicBoolean();
        AtomicBoolean stepEnded = new AtomicBoolean();
        AtomicInteger steps = new AtomicInteger();
        ExportWriter slow = new ExportWriter() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> stream, ExportContext context) {
                return stream.concatMap(export -> Mono.fromCallable(() -> context.writing(() -> {
                            steps.incrementAndGet();
                            started.countDown();
                            // the cancel interrupts this thread (Reactor's subscribeOn does), so no waiting that an
                            // interrupt ends: a spin until the cancel has gone upstream, then until it waits in the
                            // gate for this step to end
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                            while (cancelled.getCount() > 0 && System.nanoTime() < deadline) {
                                Thread.onSpinWait();
                            }
                            while (cancelling.getState() != Thread.State.TIMED_WAITING
                                    && System.nanoTime() < deadline) {
                                Thread.onSpinWait();
                            }
                            sawTheCancelWaiting.set(cancelling.getState() == Thread.State.TIMED_WAITING);
                            Thread.interrupted();
                            try {
                                ExportFiles.write(context.outputDir().resolve("slow.txt"), export.id());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            stepEnded.set(true);
                            return List.<ExportEvent>of();
                        })).subscribeOn(Schedulers.boundedElastic()).flatMapIterable(events -> events), 1)
                        .doOnCancel(cancelled::countDown);
            }
        };

        Disposable export = NotionSync.create(client)
                .export(ExportSpec.builder().outputDir(out).writers(slow).attachments(false).build())
                .subscribe();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        export.dispose();

        // checked at once: the cancel returned only after the step in flight ended, and let no other one begin
        assertThat(stepEnded).isTrue();
        assertThat(sawTheCancelWaiting).isTrue();
        assertThat(steps).hasValue(1);
        assertThat(out.resolve("slow.txt")).exists();
        assertThat(out.resolve(NotionSync.REPORT_FILE)).exists();
    }

    @Test
    void aRefusedTokenStopsTheExportAtOnce() {
        server.faults().unauthorized(true);
        server.resetCounters();

        StepVerifier.create(NotionSync.create(client).export(ExportSpec.builder().outputDir(out)
                        .writers(new Collecting()).build()))
                .expectNextMatches(ExportEvent.Started.class::isInstance)
                .expectErrorMatches(error -> error instanceof NotionNonTransientException notion
                        && notion.isUnauthorized())
                .verify(Duration.ofSeconds(30));

        assertThat(server.requestCount()).isEqualTo(1);
    }

    private void assertNoTemporaryFile() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(ExportFiles.TEMP_PREFIX));
        }
    }

    private ExportEvent.Summary export(ExportSpec spec) {
        ExportEvent.Finished finished = NotionSync.create(client).export(spec)
                .ofType(ExportEvent.Finished.class)
                .blockLast(Duration.ofSeconds(60));
        return finished.summary();
    }

    /** A writer that keeps what it is given, for assertions. */
    static final class Collecting implements ExportWriter {
        final List<PageExport> exports = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "collecting";
        }

        @Override
        public Flux<ExportEvent> write(Flux<PageExport> stream, ExportContext context) {
            return stream.doOnNext(exports::add).thenMany(Flux.empty());
        }

        List<String> ids() {
            return exports.stream().map(PageExport::id).toList();
        }
    }
}
