package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hazard pages serve the trees they promise, and search can be made to miss objects. */
class HazardTests {

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

    private List<JsonNode> children(String id) {
        return api.getAll("/v1/blocks/" + id + "/children");
    }

    @Test
    void aSelfChildListsItself() {
        String page = workspace.addHazardPage(TreeHazard.SELF_CHILD);
        JsonNode self = children(page).get(1);
        assertTrue(self.get("has_children").asBoolean());
        assertEquals(List.of(self.get("id").asText()), PaginationTests.ids(children(self.get("id").asText())));
    }

    @Test
    void aBlockCycleLeadsBackToItsFirstBlock() {
        String page = workspace.addHazardPage(TreeHazard.BLOCK_CYCLE);
        String first = children(page).get(1).get("id").asText();
        String second = children(first).get(0).get("id").asText();
        assertEquals(List.of(first), PaginationTests.ids(children(second)));
    }

    @Test
    void aSyncedCycleHoldsACopyOfItsOriginal() {
        String page = workspace.addHazardPage(TreeHazard.SYNCED_CYCLE);
        String original = children(page).get(1).get("id").asText();
        JsonNode copy = children(original).get(1);
        assertEquals(original, copy.at("/synced_block/synced_from/block_id").asText());
        assertEquals(404, api.get("/v1/blocks/" + copy.get("id").asText() + "/children").status());
    }

    @Test
    void theDeepChainIsTenThousandLevelsDeep() {
        String page = workspace.addHazardPage(TreeHazard.DEEP_CHAIN);
        List<JsonNode> top = children(page);
        assertEquals(List.of("paragraph", "toggle", "paragraph"), top.stream().map(b -> b.get("type").asText())
                .toList());
        int levels = 1;
        // read in memory: ten thousand requests would only slow the test down
        for (JsonNode block = top.get(1); block.get("has_children").asBoolean(); levels++) {
            block = workspace.children(block.get("id").asText()).get(0);
        }
        assertEquals(TreeHazard.DEEP_CHAIN_DEPTH, levels);
    }

    @Test
    void searchCanMissAPageOrAnswerNothing() {
        String page = workspace.addRootPage("Only by id", "Text");
        assertTrue(searchIds().contains(page));
        workspace.hideFromSearch(page);
        assertFalse(searchIds().contains(page));
        assertEquals(200, api.get("/v1/pages/" + page).status());
        workspace.searchEmpty(true);
        assertTrue(searchIds().isEmpty());
    }

    private List<String> searchIds() {
        List<JsonNode> results = new ArrayList<>();
        api.postJson("/v1/search", "{\"page_size\": 100}").get("results").forEach(results::add);
        return PaginationTests.ids(results);
    }
}
