package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rerun moves an object's files aside only when Notion confirms it gone, never a whole backup by mistake. */
class RemovalTests {

    private FakeNotionServer server;
    private NotionClient client;
    private Workspace workspace;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(new WorkspaceSpec(7, 10, 3, 0, 0, 0, false, false, 0, 0));
        server = FakeNotionServer.start(workspace);
        client = Exports.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEmptySearchAnswerOnARerunIsAFaultAndMovesNothingAside() {
        export(spec());
        Map<String, String> before = files();
        workspace.searchEmpty(true);

        Exports.Run rerun = export(spec());

        assertThat(files()).isEqualTo(before).isNotEmpty();
        assertThat(rerun.reasons(ExportEvent.Reasons.REMOVED)).isEmpty();
        assertThat(rerun.summary().failures()).containsEntry(ExportEvent.Reasons.EMPTY_LISTING, 1L);
    }

    @Test
    void aPageSearchMissesButNotionStillHasIsKeptAndExported() {
        // no other page mentions it: once search leaves it out, nothing in this run reaches it
        String hidden = workspace.addRootPage("Linked from nowhere", "Only search finds this page");
        export(spec());
        Map<String, String> before = files();
        workspace.hideFromSearch(hidden);
        TextWriter writer = new TextWriter();

        Exports.Run rerun = export(spec().mutate().writers(writer).build());

        assertThat(files()).isEqualTo(before);
        assertThat(rerun.reasons(ExportEvent.Reasons.REMOVED)).isEmpty();
        assertThat(rerun.reasons(ExportEvent.Reasons.KEPT)).extracting(Exports.Run::id)
                .contains(FileNames.normalizeId(hidden));
        assertThat(writer.byId).containsKey(FileNames.normalizeId(hidden));
    }

    @Test
    void anUnsharedPageIsMovedAsideOnceItsOwnGetAnswers404() throws IOException {
        export(spec());
        String unshared = leaf();
        workspace.hideFromSearch(unshared);
        server.faults().notFound(unshared);

        Exports.Run rerun = export(spec());

        assertThat(rerun.reasons(ExportEvent.Reasons.REMOVED)).extracting(Exports.Run::id)
                .contains(FileNames.normalizeId(unshared));
        assertThat(Files.readString(out.resolve(TextWriter.file(unshared))))
                .contains("was deleted, trashed or unshared");
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 503})
    void aPageWhoseChildrenListingFailsKeepsItsFilesAndIsFetchedAgainNextRun(int status) throws IOException {
        export(spec());
        String page = leaf();
        String text = Files.readString(out.resolve(TextWriter.file(page)));
        workspace.editPageText(page, "Edited while its listing fails");
        server.faults().failNext(50, status, "/v1/blocks/" + page + "/children");

        Exports.Run failing = export(spec());
        String kept = Files.readString(out.resolve(TextWriter.file(page)));
        server.faults().clear();
        Exports.Run rerun = export(spec());

        assertThat(failing.events()).filteredOn(ExportEvent.PageFailed.class::isInstance)
                .extracting(Exports.Run::id).contains(page);
        assertThat(kept).isEqualTo(text);
        assertThat(rerun.reasons(ExportEvent.Reasons.UNCHANGED)).extracting(Exports.Run::id)
                .doesNotContain(page);
        assertThat(Files.readString(out.resolve(TextWriter.file(page)))).contains("Edited while its listing fails");
    }

    @Test
    void aMassRemovalWaitsForAllowMassRemoval() {
        export(spec());
        Map<String, String> before = files();
        List<String> pages = topLevelPages();
        for (String page : pages.subList(0, 3)) {
            workspace.deletePage(page);
        }

        Exports.Run held = export(spec());
        Map<String, String> afterHeld = files();
        Exports.Run allowed = export(spec().mutate().allowMassRemoval(true).build());

        assertThat(afterHeld).isEqualTo(before);
        assertThat(held.reasons(ExportEvent.Reasons.REMOVED)).isEmpty();
        assertThat(held.reasons(ExportEvent.Reasons.REMOVAL_HELD)).extracting(Exports.Run::id)
                .containsAll(pages.subList(0, 3).stream().map(FileNames::normalizeId).toList());
        assertThat(allowed.reasons(ExportEvent.Reasons.REMOVED)).extracting(Exports.Run::id)
                .containsAll(pages.subList(0, 3).stream().map(FileNames::normalizeId).toList());
    }

    @Test
    void aRunStoppedBetweenMovingAFileAsideAndWritingItsNoteIsCompletedByTheNextRun() throws IOException {
        export(spec());
        String deleted = leaf();
        String text = Files.readString(out.resolve(TextWriter.file(deleted)));
        workspace.deletePage(deleted);

        assertThatThrownBy(() -> NotionSync.create(client, path -> {
            throw new IllegalStateException("stopped between the move and the note");
        }).export(spec()).blockLast(Duration.ofSeconds(60))).hasMessageContaining("stopped between");
        assertThat(out.resolve(TextWriter.file(deleted))).doesNotExist();
        Exports.Run rerun = export(spec());

        assertThat(Files.readString(out.resolve(TextWriter.file(deleted))))
                .contains("was deleted, trashed or unshared");
        try (Stream<Path> removed = Files.walk(out.resolve(StateDirectory.NAME).resolve("removed"))) {
            assertThat(removed.filter(Files::isRegularFile).map(RemovalTests::read)).containsExactly(text);
        }
        assertThat(rerun.reasons(ExportEvent.Reasons.REMOVED)).isEmpty();
    }

    @Test
    void replayingTheJournalNeverMovesANoteOverTheFileItReplaced() throws IOException {
        ExportSpec twoFiles = spec().mutate().writers(new TextWriter("md"), new TextWriter("html")).build();
        export(twoFiles);
        String deleted = leaf();
        Map<String, String> before = files();
        workspace.deletePage(deleted);
        AtomicInteger moves = new AtomicInteger();

        // stopped once the first file is moved and noted and the second is moved: the step is not marked done
        assertThatThrownBy(() -> NotionSync.create(client, path -> {
            if (moves.incrementAndGet() == 2) {
                throw new IllegalStateException("stopped in the middle of a step");
            }
        }).export(twoFiles).blockLast(Duration.ofSeconds(60))).hasMessageContaining("stopped in the middle");
        export(twoFiles);

        for (String extension : List.of("md", "html")) {
            Path file = TextWriter.file(deleted, extension);
            assertThat(Files.readString(out.resolve(file))).contains("was deleted, trashed or unshared");
            try (Stream<Path> removed = Files.walk(out.resolve(StateDirectory.NAME).resolve("removed"))) {
                assertThat(removed.filter(path -> path.endsWith(file)).map(RemovalTests::read))
                        .containsExactly(before.get(file.toString()));
            }
        }
    }

    @Test
    void objectsARerunWhoseSearchFailsDidNotReachAreStillHandedToTheWriters() {
        TextWriter first = new TextWriter();
        export(spec().mutate().writers(first).build());
        server.faults().failNext(1_000, 500, "/v1/search");
        TextWriter writer = new TextWriter();

        Exports.Run rerun = export(spec().mutate().writers(writer).build());
        server.faults().clear();

        assertThat(rerun.reasons(ExportEvent.Reasons.REMOVED)).isEmpty();
        // linked-database placeholders included: they come back with the page that holds them
        assertThat(first.byId.values()).anyMatch(export -> export.source().json().has(LinkedDatabase.MARKER));
        assertThat(writer.byId.keySet()).hasSizeGreaterThan(5)
                .containsExactlyInAnyOrderElementsOf(first.byId.keySet());
        // replayed from the state after the crawl: not counted as exported by this run
        assertThat(rerun.summary().pages()).isZero();
    }

    @Test
    void aPageThatFailsThisRunIsStillHandedToTheWritersFromItsSnapshot() {
        export(spec());
        String page = leaf();
        workspace.editPageText(page, "Edited while its listing fails");
        server.faults().failNext(1_000, 503, "/v1/blocks/" + page + "/children");
        TextWriter writer = new TextWriter();

        Exports.Run failing = export(spec().mutate().writers(writer).build());
        server.faults().clear();

        assertThat(failing.events()).filteredOn(ExportEvent.PageFailed.class::isInstance)
                .extracting(Exports.Run::id).contains(page);
        assertThat(writer.byId).containsKey(FileNames.normalizeId(page));
        assertThat(TextWriter.text(writer.byId.get(FileNames.normalizeId(page))))
                .doesNotContain("Edited while its listing fails");
    }

    @Test
    void removalNeverMovesAFileNamedLikeTheExportsOwnFiles() throws IOException {
        export(spec());
        String deleted = leaf();
        // an older version could record the index as a page's file
        Files.writeString(out.resolve(StateDirectory.NAME).resolve("state.jsonl"), "{\"id\":\"" + deleted
                + "\",\"file\":\"json/index.json\"}\n", java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(out.resolve("json"));
        Files.writeString(out.resolve("json/index.json"), "{\"object\":\"export_index\"}\n");
        workspace.deletePage(deleted);

        Exports.Run rerun = export(spec());

        assertThat(rerun.reasons(ExportEvent.Reasons.REMOVED)).extracting(Exports.Run::id)
                .contains(FileNames.normalizeId(deleted));
        assertThat(out.resolve(TextWriter.file(deleted))).content().contains("was deleted, trashed or unshared");
        assertThat(out.resolve("json/index.json")).content().isEqualTo("{\"object\":\"export_index\"}\n");
    }

    private ExportSpec spec() {
        return ExportSpec.builder().outputDir(out).writers(new TextWriter()).build();
    }

    private List<String> topLevelPages() {
        return workspace.pageIds()
                .filter(id -> workspace.page(id).map(page -> page.path("parent").path("type").asText()
                        .equals("workspace")).orElse(false))
                .toList();
    }

    /** A top-level page without child pages: removing it stays below the mass-removal bound. */
    private String leaf() {
        return topLevelPages().stream()
                .filter(id -> workspace.children(id).stream()
                        .noneMatch(block -> block.path("type").asText().equals("child_page")))
                .findFirst().orElseThrow();
    }

    private Exports.Run export(ExportSpec spec) {
        return Exports.export(NotionSync.create(client), spec);
    }

    /** The exported files and their text, the state folder left out. */
    private Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out.resolve("pages"))) {
            walk.filter(Files::isRegularFile).forEach(file -> files.put(out.relativize(file).toString(), read(file)));
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}
