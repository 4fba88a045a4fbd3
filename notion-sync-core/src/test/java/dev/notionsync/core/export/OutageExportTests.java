package dev.notionsync.core.export;

import dev.notionsync.core.FailureKind;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.NotionTransientException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An outage of the whole API in the middle of an export, against the fake server. */
class OutageExportTests {

    /** The requests the fake serves normally before the outage: a good part of the export is done by then. */
    private static final int BEFORE_OUTAGE = 40;

    private static FakeNotionServer server;
    private static Map<String, String> clean;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        clean = cleanExport();
    }

    @AfterEach
    void clearFaults() {
        server.faults().clear();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client with a retry budget of a few milliseconds, probing every 100 to 400 ms. */
    private static NotionClient client(Duration maxOutage) {
        return NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .maxRetries(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .outageProbeInterval(Duration.ofMillis(100), Duration.ofMillis(400))
                .maxOutage(maxOutage)
                .build());
    }

    private static Map<String, String> cleanExport() {
        try (NotionClient client = client(Duration.ofMinutes(1))) {
            Path clean = dir.resolve("clean");
            Exports.Run run = Exports.export(NotionSync.create(client), spec(clean));
            assertThat(run.summary().failures()).isEmpty();
            return files(clean);
        }
    }

    @Test
    void anOutageLongerThanTheRetryBudgetEndsInACompleteExportWithoutAFailure() {
        Path out = dir.resolve("outage");
        server.faults().outageAfter(BEFORE_OUTAGE, Duration.ofSeconds(3));

        Exports.Run run;
        try (NotionClient client = client(Duration.ofSeconds(30))) {
            run = Exports.export(NotionSync.create(client), spec(out));
        }

        List<ExportEvent.OutageEnded> ended = run.events().stream()
                .filter(ExportEvent.OutageEnded.class::isInstance).map(ExportEvent.OutageEnded.class::cast).toList();
        assertThat(run.events()).filteredOn(ExportEvent.OutageStarted.class::isInstance).hasSize(1);
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).duration()).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(5));
        assertThat(ended.get(0).heldRequests()).isPositive();
        assertThat(run.summary().failures()).isEmpty();
        assertThat(files(out)).isEqualTo(clean);
        // three seconds at full speed would be hundreds of requests: the export stopped sending but for its probes
        long outageAnswers = server.faults().outageAnswerCount();
        assertThat(outageAnswers).isLessThan(60);
        System.out.printf("outage %d ms: %d requests answered 503, %d held back, failures %d%n",
                ended.get(0).duration().toMillis(), outageAnswers, ended.get(0).heldRequests(),
                run.summary().failureCount());
    }

    @Test
    void anOutageLongerThanMaxOutageStopsTheExportCleanlyAndARerunCompletesIt() throws IOException {
        Path out = dir.resolve("stopped");
        server.faults().outageAfter(BEFORE_OUTAGE, Duration.ofDays(365));
        List<ExportEvent> events = new CopyOnWriteArrayList<>();

        try (NotionClient client = client(Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> NotionSync.create(client).export(spec(out)).doOnNext(events::add)
                    .blockLast(Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(NotionTransientException.class, error -> {
                        assertThat(error.kind()).isEqualTo(FailureKind.OUTAGE);
                        assertThat(error.getMessage()).contains("longer than the longest outage waited out (2 s)");
                    });
        }
        Map<String, String> kept = files(out);
        String report = Files.readString(out.resolve(NotionSync.REPORT_FILE));
        server.faults().endOutage();
        Exports.Run rerun;
        try (NotionClient client = client(Duration.ofSeconds(30))) {
            rerun = Exports.export(NotionSync.create(client), spec(out));
        }

        // no object was marked failed: the outage stopped the export instead
        assertThat(events).noneMatch(ExportEvent.PageFailed.class::isInstance);
        assertThat(events).anyMatch(ExportEvent.OutageStarted.class::isInstance);
        assertThat(report).contains("longer than the longest outage");
        assertThat(kept).isNotEmpty().allSatisfy((file, text) -> assertThat(clean).containsEntry(file, text));
        assertThat(rerun.summary().failures()).isEmpty();
        assertThat(rerun.summary().unchanged()).as("objects written before the outage are not fetched again")
                .isPositive();
        assertThat(files(out)).isEqualTo(clean);
    }

    private static ExportSpec spec(Path out) {
        return ExportSpec.builder().outputDir(out).writers(new TextWriter()).attachments(false).build();
    }

    /** The files the writer wrote, by path; temporary files would show up here too. */
    private static Map<String, String> files(Path out) {
        Path pages = out.resolve("pages");
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(pages)) {
            return files;
        }
        try (Stream<Path> walk = Files.list(pages)) {
            walk.forEach(file -> {
                try {
                    files.put(pages.relativize(file).toString(), Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
