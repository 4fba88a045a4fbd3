package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search lists every page shared with the integration, deep ones too, as Notion's does; the scenarios where it
 * misses or lags leave pages out, and the minimum request count follows what search lists.
 */
class SearchScenarioTests {

    private Workspace workspace;
    private FakeNotionServer server;
    private Api api;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withCoverage(false).withHostileTitles(false));
        server = FakeNotionServer.start(workspace);
        api = new Api(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Set<String> searchIds() {
        return Set.copyOf(PaginationTests.ids(api.getAllPosted("/v1/search")));
    }

    /** Regular pages, rows left out. */
    private Set<String> pages() {
        Set<String> rows = workspace.dataSourceIds().flatMap(source -> workspace.rowIds(source).stream())
                .collect(Collectors.toSet());
        return workspace.pageIds().filter(id -> !rows.contains(id)).collect(Collectors.toSet());
    }

    private long minimum(String kind) {
        return MinimumRequests.of(workspace.model()).path("requests").path(kind).asLong();
    }

    @Test
    void searchListsEveryPageHoweverDeepAndEveryDataSourceButNoRow() {
        Set<String> listed = searchIds();
        assertTrue(listed.containsAll(pages()));
        assertTrue(listed.containsAll(workspace.dataSourceIds().toList()));
        assertEquals(pages().size() + workspace.dataSourceIds().count(), listed.size());
        // the minimum needs no page GET: search returned every page
        assertEquals(0, minimum("pages"));
    }

    @Test
    void whenSearchMissesDeepPagesTheMinimumCountsTheirGets() {
        workspace.searchMissesDeepPages(true);
        Set<String> listed = searchIds();
        List<String> missed = pages().stream().filter(id -> !listed.contains(id)).toList();
        assertFalse(missed.isEmpty());
        for (String id : missed) {
            assertEquals(200, api.get("/v1/pages/" + id).status());
        }
        assertEquals(missed.size(), minimum("pages"));
    }

    @Test
    void whenSearchLagsAPageEditedSinceIsNotListedButStillReadable() {
        String page = pages().stream().sorted().findFirst().orElseThrow();
        workspace.searchLags(true);
        assertTrue(searchIds().contains(page));
        workspace.editPageText(page, "Edited just now");
        assertFalse(searchIds().contains(page));
        assertEquals(200, api.get("/v1/pages/" + page).status());
        assertEquals(1, minimum("pages"));
        workspace.searchLags(false);
        assertTrue(searchIds().contains(page));
    }

    @Test
    void theRequestLogNamesEveryRequestInOrder() {
        server.resetCounters();
        String page = pages().stream().sorted().findFirst().orElseThrow();
        api.get("/v1/pages/" + page);
        api.post("/v1/search", "{}");
        assertEquals(List.of("GET /v1/pages/" + page, "POST /v1/search"), server.requestLog());
    }
}
