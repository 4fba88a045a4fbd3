package dev.notionsync.cli;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import dev.notionsync.writers.JsonWriter;
import dev.notionsync.writers.MarkdownWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults from the server or the disk end in a complete export, or in a clean stop the next run completes. */
class FaultTests {

    private static final WorkspaceSpec WORKSPACE = WorkspaceSpec.small().withHostileTitles(false);

    @TempDir
    static Path dir;
    private static Map<String, String> clean;

    @BeforeAll
    static void cleanExport() {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WORKSPACE))) {
            Path out = dir.resolve("clean");
            ExportTrees.export(server, ExportTrees.spec(out).build());
            clean = ExportTrees.tree(out);
        }
    }

    @AfterAll
    static void done() {
        assertThat(clean).isNotEmpty();
    }

    @Test
    void serverFaultsAreRetriedAndNothingIsMissing() {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WORKSPACE))) {
            server.faults()
                    .errorRate(0.15, 7)
                    .failNext(4, 502)
                    .resetNext(3)
                    .stallNext(2, Duration.ofSeconds(2))
                    .rateLimitNext(5, 1)
                    .overloadNext(2, 1)
                    .expireNextDownloads(3);
            Path out = dir.resolve("faults");
            NotionClient client = NotionClient.create(NotionClientOptions.builder()
                    .baseUrl(server.baseUrl())
                    .token(FakeServerOptions.DEFAULT_TOKEN)
                    .requestsPerSecond(0)
                    .maxRetries(10)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                    .responseTimeout(Duration.ofMillis(500))
                    .build());

            ExportEvent.Summary summary = NotionSync.create(client).export(ExportTrees.spec(out).build())
                    .ofType(ExportEvent.Finished.class).blockLast(Duration.ofSeconds(120)).summary();

            assertThat(summary.retries()).isGreaterThan(10);
            assertThat(summary.throttled()).isGreaterThanOrEqualTo(7);
            assertThat(summary.failures()).as(() -> failures(out)).isEmpty();
            assertThat(ExportTrees.differences(clean, ExportTrees.tree(out))).isEmpty();
        }
    }

    private static String failures(Path out) {
        try {
            return Files.readAllLines(out.resolve(NotionSync.REPORT_FILE)).stream()
                    .filter(line -> line.contains("\"message\"")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aFailingDiskStopsWithOneMessageAndTheNextRunFinishes() {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WORKSPACE))) {
            Path out = dir.resolve("disk");
            AtomicInteger written = new AtomicInteger();
            ExportWriter fullDisk = new ExportWriter() {
                @Override
                public String name() {
                    return "full-disk";
                }

                @Override
                public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
                    return exports.handle((export, sink) -> {
                        if (written.incrementAndGet() > 10) {
                            sink.error(new UncheckedIOException("cannot write to " + context.outputDir()
                                    + ": No space left on device", new IOException("No space left on device")));
                        }
                    });
                }
            };

            StepVerifier.create(NotionSync.create(ExportTrees.client(server)).export(ExportTrees.spec(out)
                            .writers(JsonWriter.create(), MarkdownWriter.create(), fullDisk).build()))
                    .thenConsumeWhile(event -> !(event instanceof ExportEvent.Finished))
                    .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("No space left on device"))
                    .verify(Duration.ofSeconds(60));

            ExportTrees.export(server, ExportTrees.spec(out).build());
            assertThat(ExportTrees.differences(clean, ExportTrees.tree(out))).isEmpty();
        }
    }

    @Test
    void aRateLimitedServerIsKeptBusyWithoutA429Storm() {
        double budget = 25;
        // a bucket of one second's worth, as Notion's: the client hands out one permit per 1/budget and a stalled
        // machine can only bunch the few requests already on their way, far fewer than 25, so no 429 ever comes
        // from the client's pace, however slow the machine; how evenly it paces (a bucket of 3 never running dry)
        // and how busy it keeps the server are measured in virtual time by the core's FixedRateTests
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WORKSPACE),
                FakeServerOptions.builder().rateLimit(budget, (int) budget).build())) {
            NotionClient client = NotionClient.create(NotionClientOptions.builder()
                    .baseUrl(server.baseUrl())
                    .token(FakeServerOptions.DEFAULT_TOKEN)
                    .requestsPerSecond(budget)
                    .build());
            server.resetCounters();
            Path out = dir.resolve("throttled");

            ExportEvent.Summary summary = NotionSync.create(client)
                    .export(ExportTrees.spec(out).concurrency(4).build())
                    .ofType(ExportEvent.Finished.class).blockLast(Duration.ofSeconds(120)).summary();

            assertThat(server.requestCount()).isGreaterThan(100);
            assertThat(server.rateLimitedCount()).as("429 answers").isZero();
            assertThat(summary.throttled()).isZero();
            assertThat(summary.failures()).as(() -> failures(out)).isEmpty();
            assertThat(ExportTrees.differences(clean, ExportTrees.tree(out))).isEmpty();
        }
    }
}
