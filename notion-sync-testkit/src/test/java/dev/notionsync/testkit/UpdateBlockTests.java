package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code PATCH /v1/blocks/{id}} as Notion answers it: fields replaced in place, the type and children fixed. */
class UpdateBlockTests {

    FakeNotionServer server;
    Api api;
    String page;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.ofPages(1).withDatabases(0)
                .withCoverage(false).withHostileTitles(false)));
        api = new Api(server);
        page = server.workspace().addRootPage("Target", "Written by the integration.");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theGivenFieldsReplaceTheirsAndTheOthersStay() {
        String block = firstBlock(page);
        Api.Response updated = api.patch("/v1/blocks/" + block, "{\"paragraph\":{\"rich_text\":[{\"type\":\"mention\","
                + "\"mention\":{\"type\":\"page\",\"page\":{\"id\":\"" + page + "\"}}}]}}");

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode read = api.getJson("/v1/blocks/" + block);
        JsonNode item = read.path("paragraph").path("rich_text").get(0);
        assertThat(item.path("mention").path("page").path("id").asText()).isEqualTo(page);
        assertThat(item.path("plain_text").asText()).isEqualTo("Target");
        assertThat(read.path("paragraph").path("color").asText()).isEqualTo("default");
    }

    @Test
    void anotherTypeChildrenAndReadOnlyBlocksAreRefused() {
        String block = firstBlock(page);
        Api.Response otherType = api.patch("/v1/blocks/" + block, "{\"to_do\":{\"checked\":true}}");
        Api.Response children = api.patch("/v1/blocks/" + block, "{\"paragraph\":{\"children\":[]}}");
        String generated = server.workspace().pageIds().filter(id -> !id.equals(page)).findFirst().orElseThrow();
        Api.Response readOnly = api.patch("/v1/blocks/" + firstBlock(generated), "{\"paragraph\":{}}");
        Api.Response missing = api.patch("/v1/blocks/0f000000-0000-4000-8000-00000000dead", "{\"paragraph\":{}}");

        assertThat(otherType.status()).isEqualTo(400);
        assertThat(otherType.json().path("code").asText()).isEqualTo("validation_error");
        assertThat(children.status()).isEqualTo(400);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(404);
    }

    private String firstBlock(String parent) {
        return api.getJson("/v1/blocks/" + parent + "/children").path("results").get(0).path("id").asText();
    }
}
