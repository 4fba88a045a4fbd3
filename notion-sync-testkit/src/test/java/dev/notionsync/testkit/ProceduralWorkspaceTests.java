package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProceduralWorkspaceTests {

    @Test
    void fiftyThousandPagesAreGeneratedInstantlyAndDerivedOnDemand() {
        Workspace workspace = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> Workspace.generate(WorkspaceSpec.ofPages(50_000)));
        String last = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> workspace.pageIds().skip(49_999).findFirst().orElseThrow());
        JsonNode page = workspace.page(last).orElseThrow();
        assertEquals(last, page.get("id").asText());
        assertTrue(workspace.title(last).endsWith(" 50000"), workspace.title(last));
        assertEquals("page_id", page.at("/parent/type").asText());
        assertFalse(workspace.children(last).isEmpty());
        assertTrue(workspace.blockCount() >= 1_000_000, "blocks: " + workspace.blockCount());
        try (FakeNotionServer server = FakeNotionServer.start(workspace)) {
            Api api = new Api(server);
            assertEquals(last, api.getJson("/v1/pages/" + last).get("id").asText());
            assertEquals(workspace.children(last).size(), api.getAll("/v1/blocks/" + last + "/children").size());
        }
    }

    @Test
    void generationIsDeterministicAndSeeded() {
        WorkspaceSpec spec = WorkspaceSpec.small();
        Workspace a = Workspace.generate(spec);
        Workspace b = Workspace.generate(spec);
        List<String> ids = a.pageIds().collect(Collectors.toList());
        assertEquals(ids, b.pageIds().collect(Collectors.toList()));
        for (String id : ids.subList(0, 20)) {
            assertEquals(a.page(id), b.page(id));
            assertEquals(a.children(id), b.children(id));
        }
        Workspace other = Workspace.generate(spec.withSeed(43));
        assertNotEquals(ids.get(0), other.pageIds().findFirst().orElseThrow());
        assertTrue(other.page(ids.get(0)).isEmpty(), "ids of one workspace are unknown to another");
    }

    @Test
    void timestampsAreIsoWithMillisRoundedToTheMinute() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small());
        workspace.pageIds().limit(50).forEach(id -> {
            JsonNode page = workspace.page(id).orElseThrow();
            for (String field : new String[] {"created_time", "last_edited_time"}) {
                assertTrue(page.get(field).asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\.000Z"),
                        page.get(field).asText());
            }
            assertTrue(page.get("created_time").asText().compareTo(page.get("last_edited_time").asText()) <= 0);
        });
    }

    @Test
    void walkingTheTreeReachesEveryPageAndBlockExactlyOnce() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small());
        Set<String> pages = new HashSet<>();
        Map<String, String> texts = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        workspace.pageIds().filter(id -> workspace.page(id).orElseThrow().at("/parent/type").asText().equals("workspace"))
                .forEach(queue::add);
        workspace.dataSourceIds().forEach(ds -> queue.addAll(workspace.rowIds(ds)));
        pages.addAll(queue);
        int blocks = 0;
        while (!queue.isEmpty()) {
            String parent = queue.poll();
            for (JsonNode block : workspace.children(parent)) {
                blocks++;
                String id = block.get("id").asText();
                String type = block.get("type").asText();
                if (type.equals("child_page")) {
                    assertTrue(pages.add(id), "page reached twice: " + id);
                }
                boolean syncedCopy = block.at("/synced_block/synced_from/block_id").isTextual();
                if (block.get("has_children").asBoolean() && !syncedCopy) {
                    queue.add(id);
                }
                String text = plainText(block.path(type).path("rich_text"));
                if (!text.isBlank()) {
                    String previous = texts.put(text, id);
                    assertEquals(null, previous, "duplicate block text: " + text);
                }
            }
        }
        assertEquals(workspace.pageIds().collect(Collectors.toSet()), pages);
        assertEquals(workspace.blockCount(), blocks);
    }

    @Test
    void syncedCopiesPointToTheirOriginal() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small().withCoverage(false));
        try (FakeNotionServer server = FakeNotionServer.start(workspace)) {
            Api api = new Api(server);
            JsonNode copy = workspace.pageIds().flatMap(p -> workspace.children(p).stream())
                    .filter(b -> b.at("/synced_block/synced_from/block_id").isTextual()).findFirst().orElseThrow();
            assertTrue(copy.get("has_children").asBoolean());
            assertEquals(404, api.get("/v1/blocks/" + copy.get("id").asText() + "/children").status());
            String original = copy.at("/synced_block/synced_from/block_id").asText();
            assertEquals(2, api.getJson("/v1/blocks/" + original + "/children").get("results").size());
        }
    }

    private static String plainText(JsonNode richText) {
        StringBuilder sb = new StringBuilder();
        richText.forEach(item -> sb.append(item.path("plain_text").asText()));
        return sb.toString();
    }
}
