package dev.notionsync.writers;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.PageExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownWriterTests {

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerObjectWithEvents() throws IOException {
        Fixtures.Fixture page = Fixtures.load("lists");
        Fixtures.Fixture database = Fixtures.load("database");
        TestContext context = TestContext.of(dir, MarkdownWriter.create());
        assertEquals("markdown", MarkdownWriter.create().name());

        StepVerifier.create(MarkdownWriter.create().write(Flux.just(page.export(), database.export()), context))
                .expectNext(new ExportEvent.PageWritten(page.export().id(), "markdown", Path.of("markdown/Lists.md")))
                .expectNext(new ExportEvent.PageWritten(database.export().id(), "markdown",
                        Path.of("markdown/Tasks & Bugs.md")))
                .verifyComplete();
        String lists = Files.readString(dir.resolve("markdown/Lists.md"));
        assertTrue(lists.startsWith("---\nid: \"11111111-1111-4111-8111-111111111111\"\n"), lists);
        assertTrue(lists.contains("\n# Lists\n\n- Fruit\n"), lists);
        assertTrue(Files.readString(dir.resolve("markdown/Tasks & Bugs.md")).contains("](../csv/Tasks.csv)"));
    }

    @Test
    void frontMatterFollowsTheSpec() throws IOException {
        TestContext base = TestContext.of(dir, MarkdownWriter.create());
        ExportSpec spec = base.spec().mutate().frontMatter(false).build();
        TestContext context = new TestContext(dir, base.names(), base.userMap(), spec);
        MarkdownWriter.create().write(Flux.just(Fixtures.load("lists").export()), context).blockLast();
        assertTrue(Files.readString(dir.resolve("markdown/Lists.md")).startsWith("# Lists\n"));
    }

    @Test
    void unsupportedBlocksAreReportedAndShown() throws IOException {
        Fixtures.Fixture fixture = Fixtures.load("unsupported");
        List<ExportEvent> events = MarkdownWriter.create()
                .write(Flux.just(fixture.export()), TestContext.of(dir, MarkdownWriter.create()))
                .collectList().block();
        assertEquals(3, events.size());
        ExportEvent.Skipped form = assertInstanceOf(ExportEvent.Skipped.class, events.get(0));
        assertEquals("f0000000-0000-4000-8000-000000000001", form.id());
        assertEquals(ExportEvent.Reasons.UNSUPPORTED_BLOCK, form.reason());
        assertTrue(form.message().contains("form"), form.message());
        ExportEvent.Skipped unknown = assertInstanceOf(ExportEvent.Skipped.class, events.get(1));
        assertEquals("f0000000-0000-4000-8000-000000000002", unknown.id());
        assertTrue(unknown.message().contains("ai_block"), unknown.message());
        assertInstanceOf(ExportEvent.PageWritten.class, events.get(2));
        String markdown = Files.readString(dir.resolve("markdown/Meetings and unsupported.md"));
        assertTrue(markdown.contains("> ⚠️ Unsupported block: form"));
        assertTrue(markdown.contains("> ⚠️ Unsupported block: ai_block"));
    }

    @Test
    void oneFailedFileIsReportedAndTheExportGoesOn() throws IOException {
        // A non-empty directory where the file should go: the move into place fails for that file only.
        Files.createDirectories(dir.resolve("markdown/Lists.md/blocker"));
        List<ExportEvent> events = MarkdownWriter.create()
                .write(Flux.just(Fixtures.load("lists").export(), Fixtures.load("database").export()),
                        TestContext.of(dir, MarkdownWriter.create()))
                .collectList().block();
        ExportEvent.PageFailed failed = assertInstanceOf(ExportEvent.PageFailed.class, events.get(0));
        assertEquals(ExportEvent.Reasons.WRITE_FAILED, failed.reason());
        assertTrue(failed.message().contains("markdown/Lists.md"), failed.message());
        assertInstanceOf(ExportEvent.PageWritten.class, events.get(1), events.toString());
        assertTrue(Files.exists(dir.resolve("markdown/Tasks & Bugs.md")));
    }

    @Test
    void theSameFailureThreeTimesInARowStopsTheExport() throws IOException {
        // "markdown" is a file, so no Markdown file can be written: like a read-only or full disk.
        Files.writeString(dir.resolve("markdown"), "in the way");
        List<PageExport> exports = new ArrayList<>();
        for (String name : List.of("lists", "tables", "code", "toggles", "media")) {
            exports.add(Fixtures.load(name).export());
        }
        StepVerifier.create(MarkdownWriter.create().write(Flux.fromIterable(exports),
                        TestContext.of(dir, MarkdownWriter.create())))
                .expectNextMatches(ExportEvent.PageFailed.class::isInstance)
                .expectNextMatches(ExportEvent.PageFailed.class::isInstance)
                .expectErrorSatisfies(error -> {
                    assertInstanceOf(UncheckedIOException.class, error);
                    assertTrue(error.getMessage().startsWith("cannot write to " + dir.resolve("markdown")),
                            error.getMessage());
                })
                .verify();
    }

    @Test
    void requestsOneExportAtATime() {
        List<Long> requests = new ArrayList<>();
        PageExport page = Fixtures.load("lists").export();
        Flux<PageExport> exports = Flux.range(0, 4).map(i -> page).doOnRequest(requests::add);
        StepVerifier.create(MarkdownWriter.create().write(exports, TestContext.of(dir, MarkdownWriter.create())), 0)
                .thenRequest(1)
                .expectNextCount(1)
                .thenRequest(3)
                .expectNextCount(3)
                .verifyComplete();
        assertTrue(requests.stream().allMatch(n -> n == 1), "bounded demand: " + requests);
    }
}
