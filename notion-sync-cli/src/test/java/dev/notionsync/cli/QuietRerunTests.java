package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import dev.notionsync.writers.CsvWriter;
import dev.notionsync.writers.HtmlWriter;
import dev.notionsync.writers.JsonWriter;
import dev.notionsync.writers.MarkdownWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rerun whose crawl finds nothing changed, with every file as the last run left it, renders nothing: it tells the
 * same story (summary, report) as one that renders every object again, and anything less than "nothing changed"
 * (an edit, a damaged file, a run that stopped half way) renders again.
 */
class QuietRerunTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeNotionServer server;
    private final AtomicInteger handed = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withHostileTitles(false)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRerunWithNothingChangedHandsTheWritersNothingAndReportsWhatAWriterPassWould() throws IOException {
        Path out = dir.resolve("out");
        export(out);
        long walks = walkRecords(out);
        Map<String, String> before = ExportTrees.tree(out);
        // without the manifest of the last run, the rerun renders every object: the story to tell
        Files.delete(manifest(out));
        handed.set(0);
        server.resetCounters();
        ExportEvent.Summary rendered = export(out);
        Map<String, Long> renderedRequests = server.requestCountsByRoute();
        assertThat(handed.get()).as("objects handed to the writers by the rerun that renders").isPositive();
        Entries report = new Entries(entries(out));

        handed.set(0);
        server.resetCounters();
        ExportEvent.Summary quiet = export(out);

        assertThat(handed.get()).as("objects handed to the writers by the quiet rerun").isZero();
        assertThat(ExportTrees.differences(before, ExportTrees.tree(out))).isEmpty();
        assertThat(List.of(quiet.pages(), quiet.rows(), quiet.databases(), quiet.unchanged(), quiet.blocks(),
                quiet.files(), quiet.filesUnchanged()))
                .isEqualTo(List.of(rendered.pages(), rendered.rows(), rendered.databases(), rendered.unchanged(),
                        rendered.blocks(), rendered.files(), rendered.filesUnchanged()));
        assertThat(quiet.skipped()).isEqualTo(rendered.skipped());
        assertThat(quiet.failures()).isEqualTo(rendered.failures());
        // the requests as the server counted them, route by route
        assertThat(server.requestCountsByRoute()).as(() -> "requests of the quiet rerun: " + server.requestLog())
                .isEqualTo(renderedRequests);
        assertThat(new Entries(entries(out))).isEqualTo(report);
        // and it vouches for the same files again
        handed.set(0);
        export(out);
        assertThat(handed.get()).isZero();
        assertThat(walkRecords(out)).as("walk records appended by the reruns").isEqualTo(walks);
    }

    /** The walk records in the checkpoint log: each checkpoint has one, a replay adds none. */
    private static long walkRecords(Path out) throws IOException {
        try (Stream<String> lines = Files.lines(out.resolve(".notion-sync").resolve("state.jsonl"))) {
            return lines.filter(line -> line.contains("\"walk\":")).count();
        }
    }

    @Test
    void anEditAfterAQuietRerunIsRenderedAsInAFreshExport() {
        Path out = dir.resolve("out");
        export(out);
        export(out);
        Workspace workspace = server.workspace();
        String page = textPage(workspace);
        workspace.editPageText(page, "Edited after two exports");

        handed.set(0);
        export(out);

        assertThat(handed.get()).isPositive();
        assertThat(filesWith(out, "Edited after two exports")).as("files showing the edit")
                .anyMatch(file -> file.startsWith("json/")).anyMatch(file -> file.startsWith("markdown/"))
                .anyMatch(file -> file.startsWith("html/"));
    }

    @Test
    void aPageFetchedAgainBecauseItWasEditedInTheMinuteOfItsLastFetchAndFoundAsItWasLeavesTheRerunQuiet() {
        Path out = dir.resolve("out");
        export(out);
        // a page of text only: one with a Notion-hosted file differs in its signed URLs each time it is read
        String page = server.workspace().addRootPage("Written in the minute of the next export", "Text only");
        export(out);
        Map<String, String> before = ExportTrees.tree(out);

        handed.set(0);
        server.resetCounters();
        ExportEvent.Summary rerun = export(out);

        // Notion rounds edit times to the minute, so the page edited just before its fetch is fetched again
        assertThat(server.requestLog()).as("the page's content read again")
                .anyMatch(line -> line.replace("-", "").contains(page.replace("-", "")));
        // and found as the last run left it: nothing to render
        assertThat(handed.get()).as("objects handed to the writers").isZero();
        // yet fetched, and counted so, as a rerun that renders would count it
        assertThat(rerun.exported()).as("objects fetched in the rerun").isEqualTo(1);
        assertThat(rerun.unchanged()).isEqualTo(rerun.pages() + rerun.databases() - 1);
        assertThat(rerun.failures()).isEmpty();
        assertThat(ExportTrees.differences(before, ExportTrees.tree(out))).isEmpty();
    }

    @Test
    void aMissingOrEditedFileOfTheWholeExportIsWrittenAgainByTheNextRerun() throws IOException {
        Path out = dir.resolve("out");
        export(out);
        export(out);
        Map<String, String> before = ExportTrees.tree(out);
        Files.delete(out.resolve("html").resolve("index.html"));
        Files.delete(out.resolve("json").resolve("index.json"));
        Files.writeString(out.resolve("html").resolve("assets").resolve("site.js"), "edited by hand\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        handed.set(0);
        export(out);

        // the indexes and assets belong to no object, yet the rerun is not quiet without them
        assertThat(handed.get()).isPositive();
        assertThat(ExportTrees.differences(before, ExportTrees.tree(out))).isEmpty();
    }

    @Test
    void aDamagedOrMissingFileIsWrittenAgainByTheNextRerun() throws IOException {
        Path out = dir.resolve("out");
        export(out);
        Map<String, String> before = ExportTrees.tree(out);
        Path damaged;
        Path missing;
        try (Stream<Path> files = Files.list(out.resolve("markdown"))) {
            List<Path> pages = files.filter(file -> file.toString().endsWith(".md")).sorted().limit(2).toList();
            damaged = pages.get(0);
            missing = pages.get(1);
        }
        Files.writeString(damaged, "edited by hand\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.delete(missing);
        Files.delete(out.resolve("html").resolve("index.html"));

        handed.set(0);
        export(out);

        assertThat(handed.get()).isPositive();
        assertThat(ExportTrees.differences(before, ExportTrees.tree(out))).isEmpty();
    }

    @Test
    void whatARunThatStoppedHalfWayFetchedIsRenderedByTheNextOne() {
        Path out = dir.resolve("out");
        export(out);
        Workspace workspace = server.workspace();
        String page = textPage(workspace);
        workspace.editPageText(page, "Edited before a run that stops");
        // its crawl checkpoints the edited page, then its writers fail: the state knows the edit, the files do not
        ExportSpec failing = spec(out).writers(JsonWriter.create(), MarkdownWriter.create(), HtmlWriter.create(),
                CsvWriter.create(), new FailingWriter()).build();
        assertThatThrownBy(() -> NotionSync.create(ExportTrees.client(server)).export(failing)
                .blockLast(Duration.ofSeconds(120))).hasMessageContaining("the disk went away");

        assertThat(filesWith(out, "Edited before a run that stops")).as("files showing the edit")
                .allMatch(file -> file.startsWith(".notion-sync/"));

        handed.set(0);
        export(out);

        assertThat(handed.get()).isPositive();
        assertThat(filesWith(out, "Edited before a run that stops")).as("files showing the edit")
                .anyMatch(file -> file.startsWith("json/")).anyMatch(file -> file.startsWith("markdown/"))
                .anyMatch(file -> file.startsWith("html/"));
    }

    @Test
    void aSnapshotLostBetweenRunsIsReportedWhenItIsNeededAndFetchedByTheNextRun() throws IOException {
        Path out = dir.resolve("out");
        export(out);
        Map<String, String> before = ExportTrees.tree(out);
        Workspace workspace = server.workspace();
        String lost = textPage(workspace);
        String key = lost.replace("-", "");
        Files.delete(out.resolve(".notion-sync").resolve("objects").resolve(key.substring(0, 2))
                .resolve(key + ".json.gz"));
        // a quiet rerun reads no snapshot: nothing to tell yet
        assertThat(export(out).failures()).isEmpty();
        String edited = workspace.pageIds().filter(id -> id.startsWith("01", 9) && !id.equals(lost)
                        && workspace.page(id).isPresent()
                        && workspace.page(id).get().path("parent").path("type").asText().equals("page_id"))
                .findFirst().orElseThrow();
        workspace.editPageText(edited, "Edited while a snapshot is lost");

        ExportEvent.Summary rendered = export(out);
        server.resetCounters();
        ExportEvent.Summary next = export(out);

        assertThat(rendered.failures()).containsEntry(ExportEvent.Reasons.WRITE_FAILED, 1L);
        assertThat(next.failures()).isEmpty();
        assertThat(server.requestCountsByRoute()).containsKey("GET /v1/blocks/{id}/children");
        assertThat(filesWith(out, "Edited while a snapshot is lost")).anyMatch(file -> file.startsWith("markdown/"));
        Map<String, String> after = ExportTrees.tree(out);
        before.keySet().stream().filter(file -> file.contains(workspace.title(lost)))
                .forEach(file -> assertThat(after.get(file)).as(file).isEqualTo(before.get(file)));
    }

    @Test
    void aWriterWithoutFingerprintSeesEveryObjectInEveryRun() {
        Path out = dir.resolve("out");
        AtomicInteger plain = new AtomicInteger();
        ExportWriter counting = new ExportWriter() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
                return exports.doOnNext(export -> plain.incrementAndGet()).thenMany(Flux.empty());
            }
        };
        ExportSpec spec = spec(out).writers(JsonWriter.create(), counting).build();
        ExportTrees.export(server, spec);
        int first = plain.getAndSet(0);
        ExportTrees.export(server, spec);
        ExportTrees.export(server, spec);

        assertThat(first).isPositive();
        assertThat(plain.get()).isEqualTo(2 * first);
    }

    private ExportEvent.Summary export(Path out) {
        return ExportTrees.export(server, spec(out).build());
    }

    private ExportSpec.Builder spec(Path out) {
        return ExportTrees.spec(out).writers(counted(JsonWriter.create()), counted(MarkdownWriter.create()),
                counted(HtmlWriter.create()), counted(CsvWriter.create()));
    }

    /** A built-in writer, counting what it is handed, with its fingerprint. */
    private ExportWriter counted(ExportWriter writer) {
        return new ExportWriter() {
            @Override
            public String name() {
                return writer.name();
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
                return writer.write(exports.doOnNext(export -> handed.incrementAndGet()), context);
            }

            @Override
            public boolean rewritesLinks() {
                return writer.rewritesLinks();
            }

            @Override
            public boolean writesFilePerObject() {
                return writer.writesFilePerObject();
            }

            @Override
            public Optional<String> fingerprint() {
                return writer.fingerprint();
            }
        };
    }

    /** A writer whose disk goes away at the first object. */
    private static final class FailingWriter implements ExportWriter {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
            return exports.map(export -> {
                throw new java.io.UncheckedIOException(new IOException("the disk went away"));
            });
        }

        @Override
        public Optional<String> fingerprint() {
            return Optional.of("failing 1");
        }
    }

    private static String textPage(Workspace workspace) {
        // generated pages (kind 01 in the fake server's ids) all start with a text block to edit
        return workspace.pageIds().filter(id -> id.startsWith("01", 9) && workspace.page(id).isPresent())
                .filter(id -> workspace.page(id).get().path("parent").path("type").asText().equals("page_id"))
                .findFirst().orElseThrow();
    }

    /** The files of an export, its state included, whose text holds a phrase; snapshots are gzipped. */
    private static List<String> filesWith(Path out, String phrase) {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(Files::isRegularFile).filter(file -> {
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    if (file.toString().endsWith(".gz")) {
                        bytes = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))
                                .readAllBytes();
                    }
                    return new String(bytes, StandardCharsets.UTF_8).contains(phrase);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(file -> out.relativize(file).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path manifest(Path out) {
        return out.resolve(".notion-sync").resolve("output.jsonl");
    }

    /** The report's entries, each as text. */
    private static List<String> entries(Path out) throws IOException {
        JsonNode report = MAPPER.readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
        return Stream.of(report.path("objects")).flatMap(objects -> {
            List<String> all = new java.util.ArrayList<>();
            objects.forEach(entry -> all.add(entry.toString()));
            return all.stream();
        }).toList();
    }

    /** Entries without their order: a writer pass and a quiet rerun announce them in different orders. */
    private record Entries(TreeSet<String> entries) {
        Entries(List<String> list) {
            this(new TreeSet<>(list));
        }
    }
}
