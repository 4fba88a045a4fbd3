package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TruncationTests {

    private static Workspace workspace;
    private static FakeNotionServer server;
    private static Api api;
    private static String row;
    private static String dataSource;

    @BeforeAll
    static void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withRowsPerDatabase(60).withRelationSize(40));
        server = FakeNotionServer.start(workspace);
        api = new Api(server);
        dataSource = workspace.dataSourceIds()
                .filter(id -> workspace.dataSource(id).orElseThrow().at("/properties/Related").isObject())
                .filter(id -> !workspace.title(id).startsWith("Coverage")).findFirst().orElseThrow();
        row = workspace.rowIds(dataSource).get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void workspaceHoldsTheCompleteRelation() {
        assertEquals(40, workspace.page(row).orElseThrow().at("/properties/Related/relation").size());
        assertEquals(30, workspace.page(row).orElseThrow().at("/properties/Watchers/people").size());
    }

    @Test
    void retrievedPageShowsOnlyTheFirst25References() {
        JsonNode page = api.getJson("/v1/pages/" + row);
        JsonNode relation = page.at("/properties/Related/relation");
        assertEquals(25, relation.size());
        JsonNode complete = workspace.page(row).orElseThrow().at("/properties/Related/relation");
        for (int i = 0; i < 25; i++) {
            assertEquals(complete.get(i), relation.get(i));
        }
        assertEquals(25, page.at("/properties/Watchers/people").size());
        assertEquals(25, page.at("/properties/Related count/rollup/number").asInt());
    }

    @Test
    void queryResultsAreTruncatedToo() {
        JsonNode first = api.postJson("/v1/data_sources/" + dataSource + "/query", "{\"page_size\":1}").get("results").get(0);
        assertEquals(row, first.get("id").asText());
        assertEquals(25, first.at("/properties/Related/relation").size());
    }

    @Test
    void propertyEndpointReturnsTheCompletePaginatedList() {
        String propertyId = workspace.page(row).orElseThrow().at("/properties/Related/id").asText();
        String path = "/v1/pages/" + row + "/properties/" + propertyId;
        JsonNode first = api.getJson(path + "?page_size=15");
        assertEquals("list", first.get("object").asText());
        assertEquals("property_item", first.get("type").asText());
        assertEquals("relation", first.at("/property_item/type").asText());
        assertEquals(propertyId, first.at("/property_item/id").asText());
        assertTrue(first.get("has_more").asBoolean());
        String nextUrl = first.at("/property_item/next_url").asText();
        assertTrue(nextUrl.startsWith(server.baseUrl() + path + "?start_cursor="), nextUrl);
        List<String> ids = new ArrayList<>();
        String url = path + "?page_size=15";
        while (url != null) {
            JsonNode page = api.getJson(url);
            for (JsonNode item : page.get("results")) {
                assertEquals("property_item", item.get("object").asText());
                assertEquals("relation", item.get("type").asText());
                ids.add(item.at("/relation/id").asText());
            }
            url = page.get("has_more").asBoolean() ? page.at("/property_item/next_url").asText()
                    .substring(server.baseUrl().length()) + "&page_size=15" : null;
        }
        List<String> expected = new ArrayList<>();
        workspace.page(row).orElseThrow().at("/properties/Related/relation").forEach(r -> expected.add(r.get("id").asText()));
        assertEquals(expected, ids);
        JsonNode whole = api.getJson(path);
        assertEquals(40, whole.get("results").size());
        assertFalse(whole.get("has_more").asBoolean());
        assertTrue(whole.at("/property_item/next_url").isNull());
    }

    @Test
    void peopleAndRollupAreCompleteThroughTheEndpoint() {
        JsonNode people = api.getJson("/v1/pages/" + row + "/properties/wat%24");
        assertEquals(30, people.get("results").size());
        assertEquals("people", people.get("results").get(0).get("type").asText());
        JsonNode rollup = api.getJson("/v1/pages/" + row + "/properties/rc%3F");
        assertEquals(40, rollup.at("/property_item/rollup/number").asInt());
        JsonNode encodedTwice = api.getJson("/v1/pages/" + row + "/properties/wat%2524");
        assertEquals(30, encodedTwice.get("results").size());
    }

    @Test
    void simplePropertiesComeAsOneItem() {
        JsonNode number = api.getJson("/v1/pages/" + workspace.rowIds(dataSource).get(1) + "/properties/est%5B");
        assertEquals("property_item", number.get("object").asText());
        assertEquals("number", number.get("type").asText());
        assertTrue(number.has("number"));
        assertEquals(404, api.get("/v1/pages/" + row + "/properties/nope").status());
    }

    @Test
    void richTextMentionsPast25AreCutInPagesButNotInPropertyItems() {
        String coverage = workspace.dataSourceIds().filter(id -> workspace.title(id).startsWith("Coverage"))
                .findFirst().orElseThrow();
        String mentionRow = workspace.rowIds(coverage).get(1);
        int complete = workspace.page(mentionRow).orElseThrow().at("/properties/Notes/rich_text").size();
        JsonNode served = api.getJson("/v1/pages/" + mentionRow).at("/properties/Notes/rich_text");
        long mentions = 0;
        for (JsonNode item : served) {
            mentions += item.get("type").asText().equals("mention") ? 1 : 0;
        }
        assertEquals(25, mentions);
        assertTrue(served.size() < complete);
        JsonNode items = api.getJson("/v1/pages/" + mentionRow + "/properties/nts");
        assertEquals(complete, items.get("results").size());
        assertEquals("rich_text", items.at("/property_item/type").asText());
    }
}
