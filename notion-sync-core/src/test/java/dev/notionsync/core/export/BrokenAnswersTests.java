package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.NotionTransientException;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Broken answers fail what they concern, in bounded time, and never pass for empty content. */
class BrokenAnswersTests {

    private FakeNotionServer server;
    private NotionClient client;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withHostileTitles(false)));
        client = NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .maxRetries(2)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPageWhoseChildrenAnswerMalformedFailsInsteadOfBeingExportedEmpty() {
        String page = pageWithContent();
        server.faults().malformedNext(Integer.MAX_VALUE, "/v1/blocks/" + page + "/children", "{}");
        NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();

        List<ExportEvent> events = export(writer);

        assertThat(writer.ids()).isNotEmpty().doesNotContain(page);
        assertThat(events).filteredOn(ExportEvent.PageFailed.class::isInstance)
                .map(ExportEvent.PageFailed.class::cast)
                .anySatisfy(failed -> {
                    assertThat(failed.id()).isEqualTo(page);
                    assertThat(failed.reason()).isEqualTo(ExportEvent.Reasons.MALFORMED_RESPONSE);
                    assertThat(failed.message()).contains("gave up after 2 retries").contains("malformed body");
                });
        assertThat(summary(events).failures()).containsEntry(ExportEvent.Reasons.MALFORMED_RESPONSE, 1L);
    }

    @Test
    void endlessCursorsOnSearchAndOnOnePagesChildrenEndInBoundedRequestsWithCursorLoop() {
        String page = pageWithContent();
        server.faults().loopCursorNext(Integer.MAX_VALUE, "POST /v1/search")
                .loopCursorNext(Integer.MAX_VALUE, "/v1/blocks/" + page + "/children");
        server.resetCounters();
        NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();

        List<ExportEvent> events = export(writer);

        assertThat(server.requestCountsByRoute()).containsEntry("POST /v1/search", 2L);
        assertThat(events).filteredOn(ExportEvent.PageFailed.class::isInstance)
                .map(ExportEvent.PageFailed.class::cast)
                .extracting(ExportEvent.PageFailed::id, ExportEvent.PageFailed::reason)
                .contains(tuple("search", ExportEvent.Reasons.CURSOR_LOOP),
                        tuple(page, ExportEvent.Reasons.CURSOR_LOOP));
        assertThat(writer.ids()).isNotEmpty().doesNotContain(page);
        assertThat(summary(events).failures()).containsEntry(ExportEvent.Reasons.CURSOR_LOOP, 2L);
        // bounded: every listing of the workspace once, plus the one repeat of each looping listing
        assertThat(server.requestCount()).isLessThan(2000);
    }

    @Test
    void aRerunWhoseSearchLoopsIsIncompleteAndRemovesNothing() {
        export(new NotionSyncTests.Collecting());
        // a page really deleted: a complete rerun would move it aside, an incomplete one cannot tell
        server.workspace().deletePage(pageWithContent());
        server.faults().loopCursorNext(Integer.MAX_VALUE, "POST /v1/search");

        List<ExportEvent> rerun = export(new NotionSyncTests.Collecting());

        ExportEvent.Summary summary = summary(rerun);
        assertThat(summary.failures()).containsEntry(ExportEvent.Reasons.CURSOR_LOOP, 1L);
        assertThat(summary.skipped()).doesNotContainKey(ExportEvent.Reasons.REMOVED);
        assertThat(rerun).noneMatch(event -> event instanceof ExportEvent.Skipped skipped
                && ExportEvent.Reasons.REMOVED.equals(skipped.reason()));
    }

    @Test
    void aUserListingThatLoopsIsSkippedAsCursorLoopNotAsForbidden() {
        // only the listing is a list: users/me and users/{id} pass through the rule unchanged
        server.faults().loopCursorNext(Integer.MAX_VALUE, "GET /v1/users");

        List<ExportEvent> events = export(new NotionSyncTests.Collecting());

        assertThat(events).filteredOn(ExportEvent.Skipped.class::isInstance)
                .map(ExportEvent.Skipped.class::cast)
                .filteredOn(skipped -> skipped.id().equals("users"))
                .singleElement()
                .satisfies(skipped -> {
                    assertThat(skipped.reason()).isEqualTo(ExportEvent.Reasons.CURSOR_LOOP);
                    assertThat(skipped.message()).contains("could not be read").contains("next_cursor");
                });
        assertThat(summary(events).skipped()).doesNotContainKey(ExportEvent.Reasons.FORBIDDEN);
    }

    @Test
    void anAnswerDrippingAByteEvery100MillisecondsEndsAsATimeoutAfterItsRetries() {
        server.faults().dripNext(Integer.MAX_VALUE, Duration.ofMillis(100), "/v1/users/me");
        server.resetCounters();
        NotionClient deadline = NotionClient.create(client.options().mutate()
                .requestTimeout(Duration.ofMillis(300)).build());

        StepVerifier.create(deadline.me())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    assertThat(((NotionTransientException) error).code()).isEqualTo("timeout");
                    assertThat(error.getMessage()).startsWith("gave up after 2 retries")
                            .contains("GET /v1/users/me timed out");
                })
                .verify(Duration.ofSeconds(10));

        assertThat(server.requestCountsByRoute()).containsEntry("GET /v1/users/me", 3L);
    }

    private String pageWithContent() {
        Workspace workspace = server.workspace();
        // generated pages (kind 01 in the fake server's ids) all start with a text block
        return workspace.pageIds()
                .filter(id -> id.startsWith("01", 9) && workspace.page(id).isPresent())
                .filter(id -> workspace.page(id).get().path("parent").path("type").asText().equals("workspace"))
                .findFirst().orElseThrow();
    }

    private List<ExportEvent> export(NotionSyncTests.Collecting writer) {
        return NotionSync.create(client).export(ExportSpec.builder().outputDir(out).writers(writer).build())
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private static ExportEvent.Summary summary(List<ExportEvent> events) {
        return ((ExportEvent.Finished) events.get(events.size() - 1)).summary();
    }
}
