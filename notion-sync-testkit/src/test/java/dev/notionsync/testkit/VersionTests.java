package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
}
