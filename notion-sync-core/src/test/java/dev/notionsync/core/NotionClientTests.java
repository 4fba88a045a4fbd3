package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotionClientTests {

    @Test
    void searchTakeOneMakesExactlyOneRequest() {
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(
                ScriptedTransport.listPage("p", 100, "cursor-" + request.body().path("start_cursor").asText("1"))));
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        StepVerifier.create(client.search(SearchQuery.all()).take(1))
                .expectNextCount(1)
                .verifyComplete();

        assertThat(transport.requests).hasSize(1);
        assertThat(transport.requests.get(0).endpoint()).isEqualTo("POST /v1/search");
    }

    @Test
    void nextPageIsRequestedOnlyWhenDemandReachesItAndCancelStopsPaging() {
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(
                ScriptedTransport.listPage("p", 2, "next")));
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        StepVerifier.create(client.search(SearchQuery.pages()), 0)
                .then(() -> assertThat(transport.requests).isEmpty())
                .thenRequest(2)
                .expectNextCount(2)
                .then(() -> assertThat(transport.requests).hasSize(1))
                .thenRequest(1)
                .expectNextCount(1)
                .then(() -> assertThat(transport.requests).hasSize(2))
                .thenCancel()
                .verify();

        assertThat(transport.requests).hasSize(2);
        assertThat(transport.requests.get(1).body().path("start_cursor").asText()).isEqualTo("next");
    }

    @Test
    void searchFollowsEveryCursorAndMapsObjects() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            String cursor = request.body().path("start_cursor").asText("");
            return Mono.just(switch (cursor) {
                case "" -> ScriptedTransport.listPage("a", 100, "c2");
                case "c2" -> ScriptedTransport.listPage("b", 100, "c3");
                default -> ScriptedTransport.listPage("c", 7, null);
            });
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        List<NotionObject> all = client.search(SearchQuery.all()).collectList().block();

        assertThat(all).hasSize(207).allMatch(Page.class::isInstance);
        assertThat(transport.requests).hasSize(3);
    }

    @Test
    void blockTreeIsDepthFirstInDocumentOrderAndSkipsChildPages() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            String parent = request.args().get(0);
            ObjectNode page = ScriptedTransport.listPage("x", 0, null);
            switch (parent) {
                case "root" -> {
                    page.withArray("results").add(block("a", "toggle", true));
                    page.withArray("results").add(block("b", "child_page", true));
                    page.withArray("results").add(block("c", "paragraph", false));
                }
                case "a" -> page.withArray("results").add(block("a1", "paragraph", true));
                case "a1" -> page.withArray("results").add(block("a1x", "paragraph", false));
                default -> throw new AssertionError("unexpected children request for " + parent);
            }
            return Mono.just(page);
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        List<Block> tree = client.blockTree("root").collectList().block();

        assertThat(tree).extracting(Block::id).containsExactly("a", "a1", "a1x", "b", "c");
        assertThat(tree).extracting(Block::depth).containsExactly(0, 1, 2, 0, 0);
    }

    @Test
    void syncedCopyIsExpandedFromItsOriginal() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            String parent = request.args().get(0);
            ObjectNode page = ScriptedTransport.listPage("x", 0, null);
            if (parent.equals("root")) {
                ObjectNode copy = block("copy", "synced_block", true);
                copy.withObject("synced_block").putObject("synced_from").put("type", "block_id").put("block_id", "orig");
                page.withArray("results").add(copy);
            } else if (parent.equals("orig")) {
                page.withArray("results").add(block("inside", "paragraph", false));
            } else {
                throw new AssertionError("a copy's children must be read from the original, not " + parent);
            }
            return Mono.just(page);
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        assertThat(client.blockTree("root").map(Block::id).collectList().block()).containsExactly("copy", "inside");
    }

    @Test
    void propertyValueAssemblesEveryPageOfARelation() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            String cursor = request.query().getOrDefault("start_cursor", "");
            ObjectNode page = Json.object().put("object", "list");
            int from = cursor.isEmpty() ? 0 : 100;
            int to = cursor.isEmpty() ? 100 : 130;
            for (int i = from; i < to; i++) {
                page.withArray("results").addObject().put("object", "property_item").put("type", "relation")
                        .putObject("relation").put("id", "r" + i);
            }
            page.put("has_more", cursor.isEmpty());
            page.put("next_cursor", cursor.isEmpty() ? "more" : null);
            page.putObject("property_item").put("id", "rel%3A").put("type", "relation").putObject("relation");
            return Mono.just(page);
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        ObjectNode value = client.propertyValue("page-1", "rel%3A").block();

        assertThat(value.path("type").asText()).isEqualTo("relation");
        assertThat(value.path("relation")).hasSize(130);
        assertThat(value.path("relation").get(129).path("id").asText()).isEqualTo("r129");
        assertThat(transport.requests).hasSize(2);
        assertThat(transport.requests.get(0).uri()).startsWith("/v1/pages/page-1/properties/rel%253A");
    }

    @Test
    void queryReadsPastTheResultCapWithCreatedTimeWindows() {
        // 3 rows per query at most; rows r0..r6, two of which share a created_time minute across the boundary
        String[] created = {"t0", "t1", "t2", "t2", "t3", "t4", "t5"};
        ScriptedTransport transport = new ScriptedTransport(request -> {
            JsonNode filter = request.body().path("filter");
            String from = filter.path("created_time").path("on_or_after").asText("");
            ObjectNode page = Json.object().put("object", "list");
            int emitted = 0;
            for (int i = 0; i < created.length && emitted < 3; i++) {
                if (from.isEmpty() || created[i].compareTo(from) >= 0) {
                    page.withArray("results").addObject().put("object", "page").put("id", "r" + i)
                            .put("created_time", created[i]);
                    emitted++;
                }
            }
            boolean capped = emitted == 3;
            page.put("has_more", false).putNull("next_cursor");
            if (capped) {
                page.putObject("request_status").put("type", "incomplete")
                        .put("incomplete_reason", "query_result_limit_reached");
            }
            return Mono.just(page);
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        List<String> ids = client.query("ds", DataSourceQuery.all()).map(Page::id).collectList().block();

        assertThat(ids).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
        assertThat(transport.requests.get(0).body().path("sorts").get(0).path("timestamp").asText())
                .isEqualTo("created_time");
    }

    @Test
    void queryWithExplicitSortsFailsAtTheCapInsteadOfStoppingSilently() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            ObjectNode page = ScriptedTransport.listPage("r", 3, null);
            page.putObject("request_status").put("type", "incomplete");
            return Mono.just(page);
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);
        JsonNode sorts = Json.MAPPER.createArrayNode().add(Json.object().put("property", "Name")
                .put("direction", "ascending"));

        StepVerifier.create(client.query("ds", DataSourceQuery.all().withSorts(sorts)))
                .expectNextCount(3)
                .expectErrorMatches(error -> error.getMessage().contains("10,000-result cap"))
                .verify();
    }

    private static ObjectNode block(String id, String type, boolean hasChildren) {
        ObjectNode block = Json.object().put("object", "block").put("id", id).put("type", type)
                .put("has_children", hasChildren);
        block.putObject(type);
        return block;
    }
}
