package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryCapTests {

    private static final int CAP = 50;
    private static final int ROWS = 120;

    private static Workspace workspace;
    private static FakeNotionServer server;
    private static Api api;
    private static String dataSource;

    @BeforeAll
    static void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withRowsPerDatabase(ROWS));
        server = FakeNotionServer.start(workspace, FakeServerOptions.builder().queryResultLimit(CAP).build());
        api = new Api(server);
        dataSource = workspace.dataSourceIds().filter(id -> workspace.rowIds(id).size() == ROWS).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String query(String filter, String cursor, int pageSize) {
        return "{\"page_size\":" + pageSize + (filter == null ? "" : ",\"filter\":" + filter)
                + ",\"sorts\":[{\"timestamp\":\"created_time\",\"direction\":\"ascending\"}]"
                + (cursor == null ? "" : ",\"start_cursor\":\"" + cursor + "\"") + "}";
    }

    @Test
    void aQueryStopsAtTheCapWithRequestStatusIncomplete() {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        JsonNode page;
        do {
            page = api.postJson("/v1/data_sources/" + dataSource + "/query", query(null, cursor, 20));
            page.get("results").forEach(rows::add);
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
            if (cursor != null) {
                assertFalse(page.has("request_status"));
            }
        } while (cursor != null);
        assertEquals(CAP, rows.size());
        assertFalse(page.get("has_more").asBoolean());
        assertEquals("incomplete", page.at("/request_status/type").asText());
        assertEquals("query_result_limit_reached", page.at("/request_status/incomplete_reason").asText());
    }

    @Test
    void createdTimeWindowsContinuePastTheCap() {
        Set<String> seen = new LinkedHashSet<>();
        String lastCreated = null;
        int windows = 0;
        boolean incomplete = true;
        while (incomplete) {
            String filter = lastCreated == null ? null
                    : "{\"timestamp\":\"created_time\",\"created_time\":{\"on_or_after\":\"" + lastCreated + "\"}}";
            String cursor = null;
            JsonNode page;
            do {
                page = api.postJson("/v1/data_sources/" + dataSource + "/query", query(filter, cursor, 100));
                for (JsonNode row : page.get("results")) {
                    seen.add(row.get("id").asText());
                    lastCreated = row.get("created_time").asText();
                }
                cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
            } while (cursor != null);
            incomplete = page.has("request_status");
            windows++;
        }
        assertEquals(3, windows);
        assertEquals(new LinkedHashSet<>(workspace.rowIds(dataSource)), seen);
    }

    @Test
    void timestampFiltersAndGroupsSelectRows() {
        List<String> all = workspace.rowIds(dataSource);
        String tenth = workspace.page(all.get(10)).orElseThrow().get("created_time").asText();
        String twentieth = workspace.page(all.get(20)).orElseThrow().get("created_time").asText();
        String filter = "{\"and\":[{\"timestamp\":\"created_time\",\"created_time\":{\"on_or_after\":\"" + tenth + "\"}},"
                + "{\"timestamp\":\"created_time\",\"created_time\":{\"before\":\"" + twentieth + "\"}}]}";
        JsonNode page = api.postJson("/v1/data_sources/" + dataSource + "/query", query(filter, null, 100));
        List<String> ids = PaginationTests.ids(toList(page.get("results")));
        assertEquals(all.subList(10, 20), ids);
        JsonNode after = api.postJson("/v1/data_sources/" + dataSource + "/query", query(
                "{\"timestamp\":\"created_time\",\"created_time\":{\"after\":\"" + tenth + "\"}}", null, 5));
        assertEquals(all.get(11), after.get("results").get(0).get("id").asText());
    }

    @Test
    void descendingSortReversesTheOrder() {
        JsonNode page = api.postJson("/v1/data_sources/" + dataSource + "/query",
                "{\"page_size\":3,\"sorts\":[{\"timestamp\":\"created_time\",\"direction\":\"descending\"}]}");
        assertEquals(workspace.rowIds(dataSource).get(ROWS - 1), page.get("results").get(0).get("id").asText());
    }

    @Test
    void queryingADatabaseIdInsteadOfADataSourceIdAnswers404() {
        String database = workspace.dataSource(dataSource).orElseThrow().at("/parent/database_id").asText();
        assertEquals(404, api.post("/v1/data_sources/" + database + "/query", "{}").status());
        assertTrue(workspace.database(database).orElseThrow().get("data_sources").toString().contains(dataSource));
    }

    @Test
    void unsupportedFiltersAnswerValidationError() {
        Api.Response response = api.post("/v1/data_sources/" + dataSource + "/query",
                "{\"filter\":{\"property\":\"Done\",\"checkbox\":{\"equals\":true}}}");
        assertEquals(400, response.status());
        assertEquals("validation_error", response.json().get("code").asText());
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
