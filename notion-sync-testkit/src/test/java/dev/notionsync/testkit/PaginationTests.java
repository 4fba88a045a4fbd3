package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaginationTests {

    private static Workspace workspace;
    private static FakeNotionServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withPages(40).withBlocksPerPage(250));
        server = FakeNotionServer.start(workspace);
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String firstPage() {
        return workspace.pageIds().filter(id -> workspace.page(id).orElseThrow().at("/parent/type").asText()
                .equals("workspace") && workspace.children(id).size() > 150).findFirst().orElseThrow();
    }

    @Test
    void childrenComeInPagesOfAtMost100WithCursors() {
        String page = firstPage();
        List<String> expected = workspace.children(page).stream().map(b -> b.get("id").asText()).toList();
        JsonNode first = api.getJson("/v1/blocks/" + page + "/children");
        assertEquals("list", first.get("object").asText());
        assertEquals("block", first.get("type").asText());
        assertTrue(first.get("block").isObject());
        assertEquals(100, first.get("results").size());
        assertTrue(first.get("has_more").asBoolean());
        assertFalse(first.get("next_cursor").isNull());
        List<String> all = ids(api.getAll("/v1/blocks/" + page + "/children"));
        assertEquals(expected, all);
        List<String> small = ids(api.getAll("/v1/blocks/" + page + "/children?page_size=7"));
        assertEquals(expected, small);
    }

    @Test
    void lastPageHasNoCursor() {
        String page = firstPage();
        int total = workspace.children(page).size();
        JsonNode first = api.getJson("/v1/blocks/" + page + "/children");
        JsonNode last = api.getJson("/v1/blocks/" + page + "/children?start_cursor=" + first.get("next_cursor").asText());
        assertEquals(total - 100, last.get("results").size());
        assertFalse(last.get("has_more").asBoolean());
        assertTrue(last.get("next_cursor").isNull());
    }

    @Test
    void nestedChildrenAreReadThroughTheirParentBlock() {
        String page = firstPage();
        JsonNode parent = workspace.children(page).stream().filter(b -> b.get("has_children").asBoolean()
                && !b.get("type").asText().startsWith("child_")).findFirst().orElseThrow();
        List<JsonNode> nested = api.getAll("/v1/blocks/" + parent.get("id").asText() + "/children");
        assertFalse(nested.isEmpty());
        for (JsonNode child : nested) {
            assertEquals(parent.get("id").asText(), child.at("/parent/block_id").asText());
        }
    }

    @Test
    void searchPagesThroughResultsAndListsDeepPages() {
        List<JsonNode> results = new ArrayList<>();
        String cursor = null;
        int requests = 0;
        do {
            String body = "{\"page_size\":5" + (cursor == null ? "" : ",\"start_cursor\":\"" + cursor + "\"") + "}";
            JsonNode page = api.postJson("/v1/search", body);
            assertEquals("page_or_data_source", page.get("type").asText());
            assertTrue(page.get("results").size() <= 5);
            page.get("results").forEach(results::add);
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
            requests++;
        } while (cursor != null);
        assertTrue(requests > 3);
        Set<String> found = new HashSet<>(ids(results));
        assertEquals(results.size(), found.size(), "no duplicates");
        assertTrue(workspace.dataSourceIds().allMatch(found::contains), "every data source is returned");
        List<String> deep = workspace.pageIds().filter(id -> depth(id) >= 2).toList();
        assertFalse(deep.isEmpty());
        assertTrue(deep.stream().allMatch(found::contains), "pages at depth >= 2 are returned by search, as Notion's");
        assertTrue(workspace.pageIds().filter(id -> depth(id) == 0).allMatch(found::contains), "roots are returned");
    }

    @Test
    void searchFiltersByObjectAndTitleAndSortsByEditTime() {
        JsonNode sourcesPage = api.postJson("/v1/search", "{\"filter\":{\"property\":\"object\",\"value\":\"data_source\"}}");
        assertEquals(workspace.dataSourceIds().count(), sourcesPage.get("results").size());
        sourcesPage.get("results").forEach(r -> assertEquals("data_source", r.get("object").asText()));
        String title = workspace.title(workspace.pageIds().findFirst().orElseThrow());
        JsonNode byTitle = api.postJson("/v1/search", "{\"query\":\"" + title.toLowerCase(Locale.ROOT) + "\"}");
        assertTrue(byTitle.get("results").size() >= 1);
        byTitle.get("results").forEach(r -> assertTrue(r.toString().contains(title)));
        JsonNode sorted = api.postJson("/v1/search", "{\"filter\":{\"property\":\"object\",\"value\":\"page\"},"
                + "\"sort\":{\"timestamp\":\"last_edited_time\",\"direction\":\"descending\"}}");
        List<String> times = new ArrayList<>();
        sorted.get("results").forEach(r -> {
            assertEquals("page", r.get("object").asText());
            times.add(r.get("last_edited_time").asText());
        });
        List<String> descending = times.stream().sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        assertEquals(descending, times);
        assertEquals(400, api.post("/v1/search", "{\"filter\":{\"property\":\"object\",\"value\":\"database\"}}").status());
    }

    @Test
    void usersArePaginated() {
        JsonNode first = api.getJson("/v1/users?page_size=10");
        assertEquals(10, first.get("results").size());
        assertTrue(first.get("has_more").asBoolean());
        assertEquals(workspace.userIds(), ids(api.getAll("/v1/users?page_size=10")));
    }

    private static int depth(String pageId) {
        int depth = 0;
        JsonNode page = workspace.page(pageId).orElseThrow();
        if (!page.at("/parent/type").asText().matches("workspace|page_id")) {
            return -1;
        }
        while (page.at("/parent/type").asText().equals("page_id")) {
            page = workspace.page(page.at("/parent/page_id").asText()).orElseThrow();
            depth++;
        }
        return depth;
    }

    static List<String> ids(List<JsonNode> objects) {
        return objects.stream().map(o -> o.get("id").asText()).collect(Collectors.toList());
    }
}
