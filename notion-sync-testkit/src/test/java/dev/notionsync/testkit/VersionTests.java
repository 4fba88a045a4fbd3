package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VersionTests {

    private static Workspace workspace;
    private static FakeNotionServer server;
    private static String coveragePage;
    private static String meetingBlock;

    @BeforeAll
    static void start() {
        workspace = Workspace.demo();
        server = FakeNotionServer.start(workspace);
        coveragePage = workspace.pageIds().filter(id -> workspace.title(id).equals("Coverage: every block type"))
                .findFirst().orElseThrow();
        meetingBlock = workspace.children(coveragePage).stream()
                .filter(b -> b.get("type").asText().equals("meeting_notes")).findFirst().orElseThrow().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void version20260311UsesMeetingNotesAndInTrashOnly() {
        Api api = new Api(server).version("2026-03-11");
        JsonNode block = api.getJson("/v1/blocks/" + meetingBlock);
        assertEquals("meeting_notes", block.get("type").asText());
        assertTrue(block.has("meeting_notes"));
        assertFalse(block.has("archived"));
        assertFalse(block.get("in_trash").asBoolean());
        assertFalse(api.getJson("/v1/pages/" + coveragePage).has("archived"));
    }

    @Test
    void version20250903UsesTranscriptionAndArchived() {
        Api api = new Api(server).version("2025-09-03");
        JsonNode block = api.getJson("/v1/blocks/" + meetingBlock);
        assertEquals("transcription", block.get("type").asText());
        assertTrue(block.has("transcription"));
        assertFalse(block.has("meeting_notes"));
        assertFalse(block.get("archived").asBoolean());
        assertTrue(block.has("in_trash"));
        JsonNode children = api.getJson("/v1/blocks/" + coveragePage + "/children");
        assertTrue(children.toString().contains("\"transcription\""));
        assertFalse(children.toString().contains("meeting_notes"));
        JsonNode page = api.getJson("/v1/pages/" + coveragePage);
        assertTrue(page.has("archived") && page.has("in_trash"));
        String dataSource = workspace.dataSourceIds().findFirst().orElseThrow();
        assertTrue(api.getJson("/v1/data_sources/" + dataSource).has("archived"));
    }

    @Test
    void version20261201ListsOnlyTheTitleUnlessFilterPropertiesNamesOthers() {
        String dataSource = projectsDataSource();
        Api latest = new Api(server).version("2026-12-01");
        JsonNode schema = latest.getJson("/v1/data_sources/" + dataSource).get("properties");
        assertTrue(schema.size() > 3);

        JsonNode bare = latest.postJson("/v1/data_sources/" + dataSource + "/query", "{}").get("results").get(0);
        assertEquals(List.of("title"), types(bare));
        workspace.searchListsRows(true);
        try {
            JsonNode searchedRow = latest.getAllPosted("/v1/search").stream()
                    .filter(result -> result.path("parent").has("data_source_id")).findFirst().orElseThrow();
            assertEquals(List.of("title"), types(searchedRow));
        } finally {
            workspace.searchListsRows(false);
        }

        // each id decoded, then encoded once, as Notion's SDK sends them
        StringBuilder query = new StringBuilder();
        List<String> ids = new ArrayList<>();
        schema.forEach(property -> ids.add(property.get("id").asText()));
        for (String id : ids.subList(0, 3)) {
            query.append(query.length() == 0 ? '?' : '&').append("filter_properties=")
                    .append(URLEncoder.encode(URLDecoder.decode(id, StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        JsonNode chosen = latest.postJson("/v1/data_sources/" + dataSource + "/query" + query, "{}").get("results").get(0);
        List<String> chosenIds = new ArrayList<>();
        chosen.get("properties").forEach(property -> chosenIds.add(property.get("id").asText()));
        assertEquals(ids.subList(0, 3), chosenIds);

        String row = bare.get("id").asText();
        assertEquals(schema.size(), latest.getJson("/v1/pages/" + row).get("properties").size());
        JsonNode previous = new Api(server).version("2026-03-11")
                .postJson("/v1/data_sources/" + dataSource + "/query", "{}").get("results").get(0);
        assertEquals(schema.size(), previous.get("properties").size());
    }

    @Test
    void version20261201AnswersSomePeopleWithoutAName() {
        List<JsonNode> latest = new Api(server).version("2026-12-01").getAll("/v1/users");
        List<JsonNode> previous = new Api(server).version("2026-03-11").getAll("/v1/users");
        long nameless = latest.stream().filter(user -> user.get("name").isNull()).count();
        assertTrue(nameless > 0 && nameless < latest.size());
        assertTrue(previous.stream().noneMatch(user -> user.get("name").isNull()));
        JsonNode user = latest.stream().filter(u -> u.get("name").isNull()).findFirst().orElseThrow();
        assertNotNull(user.path("person").path("email").textValue());
    }

    private static String projectsDataSource() {
        return workspace.dataSourceIds().filter(id -> workspace.dataSource(id).orElseThrow().get("properties").size() > 3)
                .findFirst().orElseThrow();
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("properties").forEach(property -> types.add(property.get("type").asText()));
        return types;
    }
}
