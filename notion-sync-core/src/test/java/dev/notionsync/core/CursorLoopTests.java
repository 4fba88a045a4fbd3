package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A listing that hands out a cursor a second time ends with cursor_loop instead of running forever. */
class CursorLoopTests {

    @Test
    void aSearchRepeatingItsCursorEndsAfterTheRepeat() {
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(
                ScriptedTransport.listPage("p", 2, "stuck")));

        StepVerifier.create(client(transport).search(SearchQuery.all()))
                .expectNextCount(4)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionNonTransientException.class);
                    NotionException notion = (NotionException) error;
                    assertThat(notion.code()).isEqualTo("cursor_loop");
                    assertThat(notion.endpoint()).isEqualTo("POST /v1/search");
                    assertThat(notion.getMessage()).contains("stuck");
                })
                .verify(Duration.ofSeconds(5));

        assertThat(transport.requests).hasSize(2);
    }

    @Test
    void aLongerCycleOfCursorsIsALoopToo() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            String cursor = request.query().getOrDefault("start_cursor", "");
            return Mono.just(ScriptedTransport.listPage("b", 1, cursor.equals("a") ? "b" : "a"));
        });

        StepVerifier.create(client(transport).children("page"))
                .expectNextCount(3)
                .expectErrorMatches(error -> error instanceof NotionException notion
                        && notion.code().equals("cursor_loop")
                        && notion.endpoint().equals("GET /v1/blocks/{id}/children"))
                .verify(Duration.ofSeconds(5));

        assertThat(transport.requests).hasSize(3);
    }

    @Test
    void aDataSourceQueryRepeatingItsCursorEndsWithCursorLoop() {
        ScriptedTransport transport = new ScriptedTransport(request -> {
            ObjectNode page = ScriptedTransport.listPage("r", 2, "again");
            page.withArray("results").forEach(row -> ((ObjectNode) row).put("created_time", "2026-01-01T00:00:00Z"));
            return Mono.just(page);
        });

        // the repeated page holds the same rows again; what matters is that the query ends
        StepVerifier.create(client(transport).query("ds", DataSourceQuery.all()))
                .expectNextCount(4)
                .expectErrorMatches(error -> error instanceof NotionNonTransientException notion
                        && notion.code().equals("cursor_loop")
                        && notion.endpoint().equals("POST /v1/data_sources/{id}/query"))
                .verify(Duration.ofSeconds(5));

        assertThat(transport.requests).hasSize(2);
    }

    private static NotionClient client(NotionTransport transport) {
        return NotionClient.create(ScriptedTransport.options(), transport);
    }
}
