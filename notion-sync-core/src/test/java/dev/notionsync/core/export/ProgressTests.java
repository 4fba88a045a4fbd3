package dev.notionsync.core.export;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.notionsync.core.NotionClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress events: known objects, done objects, rates and an ETA, once a second and at the end. */
class ProgressTests {

    @TempDir
    Path out;

    @Test
    void progressCountsKnownAndDoneObjectsAndEstimatesTheTimeLeftUnderVirtualTime() {
        ProgressTracker tracker = new ProgressTracker(new IdTable());
        Sinks.Empty<Void> crawled = Sinks.empty();
        StepVerifier.withVirtualTime(() -> tracker.events(Duration.ofSeconds(1), crawled.asMono()))
                .then(() -> {
                    for (String id : List.of("a", "b", "c", "d")) {
                        tracker.discovered(id);
                    }
                    tracker.discovered("a");
                    tracker.request();
                })
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(event -> {
                    ExportEvent.Progress progress = (ExportEvent.Progress) event;
                    assertThat(progress.known()).isEqualTo(4);
                    assertThat(progress.done()).isZero();
                    assertThat(progress.elapsed()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(progress.requestsPerSecond()).isEqualTo(1.0);
                    assertThat(progress.eta()).as("no rate yet").isEmpty();
                })
                .then(() -> {
                    tracker.onEvent(new ExportEvent.PageExported("a", PageExport.Kind.PAGE, "A", 3));
                    tracker.onEvent(new ExportEvent.PageExported("b", PageExport.Kind.ROW, "B", 0, true));
                    // a failure of a block or a file is not an object done, nor one that kept its object
                    tracker.onEvent(new ExportEvent.PageFailed("block-1", "unshared", "gone"));
                    tracker.onEvent(new ExportEvent.PageFailed("c", ExportEvent.Reasons.DOWNLOAD_FAILED, "x"));
                    tracker.onEvent(new ExportEvent.PageExported("a", PageExport.Kind.PAGE, "A", 3));
                    for (int i = 0; i < 5; i++) {
                        tracker.request();
                    }
                })
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(event -> {
                    ExportEvent.Progress progress = (ExportEvent.Progress) event;
                    assertThat(progress.known()).isEqualTo(4);
                    assertThat(progress.done()).isEqualTo(2);
                    assertThat(progress.percent()).isEqualTo(50.0);
                    assertThat(progress.objectsPerSecond()).isEqualTo(1.0);
                    assertThat(progress.requestsPerSecond()).isEqualTo(3.0);
                    assertThat(progress.eta()).contains(Duration.ofSeconds(2));
                })
                .then(() -> {
                    // found by a listing ahead of the walk: the total grows before the walk gets there
                    tracker.discovered("e");
                    tracker.onEvent(new ExportEvent.PageFailed("c", ExportEvent.Reasons.GAVE_UP, "x"));
                    tracker.onEvent(new ExportEvent.Skipped("d", ExportEvent.Reasons.LINKED_DATABASE, "x"));
                    tracker.onEvent(new ExportEvent.PageExported("e", PageExport.Kind.DATABASE, "E", 0));
                })
                .thenAwait(Duration.ofMillis(500))
                .then(crawled::tryEmitEmpty)
                .assertNext(event -> {
                    ExportEvent.Progress progress = (ExportEvent.Progress) event;
                    assertThat(progress.known()).isEqualTo(5);
                    assertThat(progress.done()).isEqualTo(5);
                    assertThat(progress.elapsed()).isEqualTo(Duration.ofMillis(2500));
                    assertThat(progress.percent()).isEqualTo(100.0);
                    assertThat(progress.eta()).contains(Duration.ZERO);
                })
                .verifyComplete();
    }

    @Test
    void anObjectDoneBeforeAnyDiscovererReportedItBecomesKnown() {
        ProgressTracker tracker = new ProgressTracker(new IdTable());
        tracker.onEvent(new ExportEvent.PageExported("root", PageExport.Kind.PAGE, "Root", 1));
        tracker.discovered("ROOT".toLowerCase());

        ExportEvent.Progress progress = tracker.snapshot(Duration.ofSeconds(4));

        assertThat(progress.known()).isEqualTo(1);
        assertThat(progress.done()).isEqualTo(1);
        assertThat(progress.objectsPerSecond()).isEqualTo(0.25);
    }

    @Test
    void theTotalHoldsEverythingTheListingsReturnWhileTheWalkIsHeldBack() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small().withPages(150).withBlocksPerPage(3)
                .withCoverage(false).withHostileTitles(false));
        // what search lists: every page (rows are listed by their data source's query, once the walk reaches it)
        // and every data source, which stands for its database
        Set<String> rows = workspace.dataSourceIds().flatMap(source -> workspace.rowIds(source).stream())
                .collect(Collectors.toSet());
        long listed = workspace.pageIds().filter(id -> !rows.contains(id)).count() + workspace.databaseIds().count();
        Sinks.Empty<Void> gate = Sinks.empty();
        TextWriter text = new TextWriter();
        // the writers take nothing until the gate opens, so the walk stalls after a handful of objects
        ExportWriter held = new ExportWriter() {
            @Override
            public String name() {
                return text.name();
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
                return text.write(exports.delayUntil(export -> gate.asMono()), context);
            }
        };
        try (FakeNotionServer server = FakeNotionServer.start(workspace);
                NotionClient client = Exports.client(server)) {
            ExportSpec spec = ExportSpec.builder().outputDir(out).writers(held).concurrency(2).build();
            List<ExportEvent.Progress> after = new ArrayList<>();

            StepVerifier.create(NotionSync.create(client).export(spec)
                            .filter(ExportEvent.Progress.class::isInstance).cast(ExportEvent.Progress.class))
                    .thenConsumeWhile(progress -> progress.known() < listed)
                    .assertNext(progress -> assertThat(progress.done()).isLessThan(listed / 4))
                    .then(gate::tryEmitEmpty)
                    .recordWith(() -> after)
                    .thenConsumeWhile(progress -> true)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));

            assertThat(after).isNotEmpty().allMatch(progress -> progress.known() >= listed);
            assertThat(after.get(after.size() - 1).percent()).isEqualTo(100.0);
        }
    }

    @Test
    void anExportEndsWithAProgressOfEveryObjectDoneJustBeforeFinished() {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()))) {
            ExportSpec spec = ExportSpec.builder().outputDir(out).writers(new TextWriter()).build();
            Exports.Run run = Exports.export(NotionSync.create(Exports.client(server)), spec);

            List<ExportEvent.Progress> progress = run.events().stream()
                    .filter(ExportEvent.Progress.class::isInstance).map(ExportEvent.Progress.class::cast).toList();
            ExportEvent.Summary summary = run.summary();
            ExportEvent.Progress last = progress.get(progress.size() - 1);

            assertThat(last.done()).isEqualTo(last.known())
                    .isGreaterThanOrEqualTo(summary.pages() + summary.databases()).isPositive();
            assertThat(last.requests()).isEqualTo(summary.apiRequests());
            assertThat(last.percent()).isEqualTo(100.0);
            assertThat(run.events().indexOf(last)).isLessThan(run.events().size() - 1);
        }
    }

    @Test
    void aRerunThatWritesAfterItsCrawlCountsTheWritingStageFromZeroInsteadOfSittingAtAHundredPercent() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small().withPages(40).withBlocksPerPage(2)
                .withCoverage(false).withHostileTitles(false));
        try (FakeNotionServer server = FakeNotionServer.start(workspace);
                NotionClient client = Exports.client(server)) {
            Exports.export(NotionSync.create(client), ExportSpec.builder().outputDir(out)
                    .writers(held(Mono.empty())).build());
            workspace.renamePage(workspace.pageIds().findFirst().orElseThrow(), "Renamed since the last run");
            Sinks.Empty<Void> gate = Sinks.empty();
            ExportSpec rerun = ExportSpec.builder().outputDir(out).writers(held(gate.asMono())).build();
            List<ExportEvent.Progress> writing = new ArrayList<>();

            StepVerifier.create(NotionSync.create(client).export(rerun)
                            .filter(ExportEvent.Progress.class::isInstance).cast(ExportEvent.Progress.class))
                    .thenConsumeWhile(progress -> progress.stage() == ExportEvent.Progress.Stage.CRAWLING)
                    .assertNext(progress -> {
                        // the crawl is done, the writers hold the few objects their demand took
                        assertThat(progress.stage()).isEqualTo(ExportEvent.Progress.Stage.WRITING);
                        assertThat(progress.known()).isGreaterThanOrEqualTo(40);
                        assertThat(progress.done()).as(progress.toString()).isLessThan(progress.known() / 4);
                        assertThat(progress.percent()).isLessThan(25.0);
                        assertThat(progress.stageElapsed()).isLessThanOrEqualTo(progress.elapsed());
                    })
                    .then(gate::tryEmitEmpty)
                    .recordWith(() -> writing)
                    .thenConsumeWhile(progress -> true)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));

            assertThat(writing).isNotEmpty()
                    .allMatch(progress -> progress.stage() == ExportEvent.Progress.Stage.WRITING);
            ExportEvent.Progress last = writing.get(writing.size() - 1);
            assertThat(last.percent()).isEqualTo(100.0);
            assertThat(last.known()).isGreaterThanOrEqualTo(40);
        }
    }

    /** Text files, handed only once {@code gate} completes; a fingerprint, so a rerun writes after its crawl. */
    private static ExportWriter held(Mono<Void> gate) {
        TextWriter text = new TextWriter();
        return new ExportWriter() {
            @Override
            public String name() {
                return text.name();
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of("text-1");
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
                return text.write(exports.delayUntil(export -> gate), context);
            }
        };
    }
}
