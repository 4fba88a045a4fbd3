package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view query's cache expires after 15 minutes and reading on answers 404 with a cursor that is worth nothing: the
 * query is created again and read from the start, and the rows already handed out are not handed out twice.
 */
class ViewQueriesTests {

    @Test
    void anExpiredQueryIsCreatedAgainAndReadOnWithoutRepeatingRows() {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        StepVerifier.create(ViewQueries.pages("GET /v1/views/{id}/queries/{query_id}",
                        () -> Mono.fromSupplier(() -> page("q" + created.incrementAndGet(), List.of("a", "b"), "c1")),
                        (query, cursor) -> "q1".equals(query) && expired.getAndIncrement() == 0
                                ? Mono.error(notFound())
                                : Mono.just(page(query, List.of("c"), null)))
                        .concatMapIterable(ViewQueryPage::rowIds), 1)
                .expectNext("a")
                .thenRequest(10)
                .expectNext("b", "c")
                .verifyComplete();
        assertThat(created).hasValue(2);
    }

    @Test
    void aViewThatIsNotFoundIsNotRetried() {
        AtomicInteger created = new AtomicInteger();
        StepVerifier.create(ViewQueries.pages("GET /v1/views/{id}/queries/{query_id}",
                        () -> Mono.defer(() -> {
                            created.incrementAndGet();
                            return Mono.<JsonNode>error(notFound());
                        }), (query, cursor) -> Mono.empty()))
                .verifyError(NotionNonTransientException.class);
        assertThat(created).hasValue(1);
    }

    private static JsonNode page(String queryId, List<String> ids, String next) {
        ObjectNode page = Json.MAPPER.createObjectNode().put("object", "view_query").put("id", queryId);
        ArrayNode results = page.putArray("results");
        ids.forEach(id -> results.addObject().put("object", "page").put("id", id));
        page.put("has_more", next != null);
        if (next != null) {
            page.put("next_cursor", next);
        } else {
            page.putNull("next_cursor");
        }
        return page;
    }

    private static NotionNonTransientException notFound() {
        return new NotionNonTransientException("Could not find view_query", FailureKind.NOT_FOUND, 404,
                "object_not_found", null, "GET /v1/views/{id}/queries/{query_id}", null);
    }
}
