package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MutationTests {

    private static final String NOW = "2026-02-03T04:05:00.000Z";

    private Workspace workspace;
    private FakeNotionServer server;
    private Api api;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withCoverage(false).withHostileTitles(false));
        server = FakeNotionServer.start(workspace, FakeServerOptions.builder()
                .clock(new MutableClock(Instant.parse("2026-02-03T04:05:42Z"))).build());
        api = new Api(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String nestedPage() {
        return workspace.pageIds().filter(id -> workspace.page(id).orElseThrow().at("/parent/type").asText()
                .equals("page_id")).findFirst().orElseThrow();
    }

    private static String parentOf(JsonNode page) {
        return page.at("/parent/page_id").asText();
    }

    private List<String> childIds(String parent) {
        return PaginationTests.ids(api.getAll("/v1/blocks/" + parent + "/children"));
    }

    @Test
    void editPageTextChangesABlockAndBumpsTimes() {
        String page = nestedPage();
        workspace.editPageText(page, "Edited text");
        assertEquals(NOW, api.getJson("/v1/pages/" + page).get("last_edited_time").asText());
        JsonNode edited = api.getAll("/v1/blocks/" + page + "/children").stream()
                .filter(b -> b.toString().contains("Edited text")).findFirst().orElseThrow();
        assertEquals(NOW, edited.get("last_edited_time").asText());
    }

    @Test
    void renamePageRenamesItsChildPageBlock() {
        String page = nestedPage();
        workspace.renamePage(page, "Renamed page");
        assertEquals("Renamed page", api.getJson("/v1/pages/" + page).at("/properties/title/title/0/plain_text").asText());
        JsonNode block = api.getJson("/v1/blocks/" + page);
        assertEquals("Renamed page", block.at("/child_page/title").asText());
        assertEquals("Renamed page", workspace.title(page));
    }

    @Test
    void trashedPagesLeaveChildrenListsAndSearch() {
        String page = nestedPage();
        String parent = parentOf(workspace.page(page).orElseThrow());
        assertTrue(childIds(parent).contains(page));
        workspace.trashPage(page);
        assertTrue(api.getJson("/v1/pages/" + page).get("in_trash").asBoolean());
        assertFalse(childIds(parent).contains(page));
        JsonNode search = api.postJson("/v1/search", "{\"query\":\"" + workspace.title(page) + "\"}");
        assertEquals(0, search.get("results").size());
        JsonNode trash = api.postJson("/v1/search", "{\"filter\":{\"in_trash\":true}}");
        assertTrue(trash.toString().contains(page));
    }

    @Test
    void deletedPagesAnswer404Everywhere() {
        String page = nestedPage();
        String parent = parentOf(workspace.page(page).orElseThrow());
        workspace.deletePage(page);
        assertEquals(404, api.get("/v1/pages/" + page).status());
        assertEquals(404, api.get("/v1/blocks/" + page).status());
        assertEquals(404, api.get("/v1/blocks/" + page + "/children").status());
        assertFalse(childIds(parent).contains(page));
        assertTrue(workspace.pageIds().noneMatch(page::equals));
        assertThrows(IllegalArgumentException.class, () -> workspace.renamePage(page, "x"));
    }

    @Test
    void addedPagesAppearUnderTheirParent() {
        String root = workspace.pageIds().filter(id -> workspace.page(id).orElseThrow().at("/parent/type").asText()
                .equals("workspace")).findFirst().orElseThrow();
        int blocks = workspace.blockCount();
        String added = workspace.addPage(root, "Brand new page", "Fresh paragraph");
        List<String> children = childIds(root);
        assertEquals(added, children.get(children.size() - 1));
        JsonNode page = api.getJson("/v1/pages/" + added);
        assertEquals(NOW, page.get("created_time").asText());
        assertEquals(root, parentOf(page));
        assertEquals("Fresh paragraph", api.getJson("/v1/blocks/" + added + "/children")
                .at("/results/0/paragraph/rich_text/0/plain_text").asText());
        assertEquals(NOW, api.getJson("/v1/pages/" + root).get("last_edited_time").asText());
        assertTrue(api.postJson("/v1/search", "{\"query\":\"brand new\"}").toString().contains(added));
        assertEquals(blocks + 2, workspace.blockCount());
    }

    @Test
    void editedRowsAreFoundByALastEditedTimeFilterAndTrashedRowsLeaveQueries() {
        String dataSource = workspace.dataSourceIds().findFirst().orElseThrow();
        List<String> rows = workspace.rowIds(dataSource);
        workspace.editPageText(rows.get(7), "Row edited");
        String filter = "{\"filter\":{\"timestamp\":\"last_edited_time\",\"last_edited_time\":{\"on_or_after\":\""
                + NOW + "\"}}}";
        JsonNode changed = api.postJson("/v1/data_sources/" + dataSource + "/query", filter);
        assertEquals(1, changed.get("results").size());
        assertEquals(rows.get(7), changed.at("/results/0/id").asText());
        workspace.trashPage(rows.get(3));
        List<String> visible = PaginationTests.ids(toList(api.postJson("/v1/data_sources/" + dataSource + "/query",
                "{}").get("results")));
        assertFalse(visible.contains(rows.get(3)));
        assertEquals(rows.size() - 1, visible.size());
        String withTrash = api.postJson("/v1/data_sources/" + dataSource + "/query", "{\"in_trash\":true}").toString();
        assertTrue(withTrash.contains(rows.get(3)));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
