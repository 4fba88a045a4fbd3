package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Cursor pagination as {@code expand}: the next page is requested only when downstream demand reaches it. */
final class Pagination {

    /** Marks the end of a page's results; identity-compared, never emitted downstream. */
    private static final JsonNode END_OF_PAGE = TextNode.valueOf("end-of-page");

    private Pagination() {
    }

    /**
     * Flattens list pages into their results. The end-of-page marker is pulled only when downstream wants one more
     * result, so the next page is fetched only then, not as soon as the previous page was handed out.
     *
     * @param pages list pages, each fetched on request
     * @return the results in order
     */
    static Flux<JsonNode> results(Flux<JsonNode> pages) {
        return pages.concatMap(page -> Flux.fromIterable(page.path("results"))
                        .concatWith(Flux.just(END_OF_PAGE).hide()), 0)
                .filter(node -> node != END_OF_PAGE);
    }

    /**
     * Follows {@code next_cursor} while {@code has_more}. A cursor handed out a second time would make the listing
     * endless, so it ends the listing with a {@code cursor_loop} failure instead.
     *
     * @param endpoint the endpoint template, for the failure
     * @param fetch fetches the page for a cursor ({@code null} for the first page)
     * @return the list pages in order
     */
    static Flux<JsonNode> pages(String endpoint, Function<String, Mono<JsonNode>> fetch) {
        return Flux.defer(() -> {
            // per subscription: expand calls back serially, one page after the other
            Set<String> seen = new HashSet<>();
            return page(fetch, null).expand(previous -> {
                String next = previous.path("next_cursor").asText("");
                if (!previous.path("has_more").asBoolean(false) || next.isEmpty()) {
                    return Flux.empty();
                }
                return seen.add(next) ? page(fetch, next) : Flux.error(ErrorMapper.cursorLoop(endpoint, next));
            });
        });
    }

    private static Flux<JsonNode> page(Function<String, Mono<JsonNode>> fetch, String cursor) {
        // A request Mono starts work as soon as it is subscribed (then/flatMap request eagerly), and expand subscribes
        // to the next page early. A hidden Flux.just with a prefetch-free concatMap subscribes to the request only when
        // downstream asks for the page; hide() stops Reactor from fusing the scalar and subscribing at once.
        return Flux.just(Optional.ofNullable(cursor)).hide().concatMap(c -> fetch.apply(c.orElse(null)), 0);
    }
}
