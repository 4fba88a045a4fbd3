package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.function.Function;

/** Cursor pagination as {@code expand}: the next page is requested only when downstream demand reaches it. */
final class Pagination {

    private Pagination() {
    }

    /**
     * @param fetch fetches the page for a cursor ({@code null} for the first page)
     * @return the list pages in order
     */
    static Flux<JsonNode> pages(Function<String, Mono<JsonNode>> fetch) {
        return page(fetch, null).expand(previous -> {
            String next = previous.path("next_cursor").asText("");
            return previous.path("has_more").asBoolean(false) && !next.isEmpty() ? page(fetch, next) : Mono.empty();
        });
    }

    private static Mono<JsonNode> page(Function<String, Mono<JsonNode>> fetch, String cursor) {
        // Mono.just emits only on request, so subscribing (which expand does eagerly) sends nothing by itself
        return Mono.just(Optional.ofNullable(cursor)).flatMap(c -> fetch.apply(c.orElse(null)));
    }
}
